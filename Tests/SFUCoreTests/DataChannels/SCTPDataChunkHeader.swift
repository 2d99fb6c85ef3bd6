// Reading the DATA chunks of an SCTP packet, to see on the wire how the relay sent a message.

/// The header fields of one DATA chunk (RFC 9260 §3.3.1) of a packet the relay sent.
///
/// Invariant: read from a chunk whose declared length lies inside its packet.
struct SCTPDataChunkHeader: Equatable {
    static let commonHeaderLength = 12
    static let dataChunkType: UInt8 = 0
    static let dataHeaderLength = 16
    static let unorderedFlag: UInt8 = 0x04

    let stream: UInt16
    let ppid: UInt32
    let isUnordered: Bool

    /// The DATA chunks of `packet`, in order; other chunks are skipped, and reading stops at
    /// the first chunk whose length does not fit.
    static func all(in packet: [UInt8]) -> [SCTPDataChunkHeader] {
        var headers: [SCTPDataChunkHeader] = []
        var offset = commonHeaderLength
        while offset + 4 <= packet.count {
            let length = Int(readUInt16(packet, at: offset + 2))
            guard length >= 4, offset + length <= packet.count else { break }
            if packet[offset] == dataChunkType, length >= dataHeaderLength {
                headers.append(SCTPDataChunkHeader(
                    stream: readUInt16(packet, at: offset + 8),
                    ppid: UInt32(readUInt16(packet, at: offset + 12)) << 16 | UInt32(readUInt16(packet, at: offset + 14)),
                    isUnordered: packet[offset + 1] & unorderedFlag != 0))
            }
            offset += (length + 3) & ~3
        }
        return headers
    }

    private static func readUInt16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
