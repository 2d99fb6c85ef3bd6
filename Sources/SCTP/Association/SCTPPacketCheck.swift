/// Why a received SCTP packet was refused before it reached usrsctp.
enum SCTPPacketDefect: Equatable, Sendable {
    /// Shorter than the 12-byte common header plus one 4-byte chunk header.
    case tooShort
    /// The ports are not (remote → local) of the association.
    case wrongPorts
    /// The CRC-32C in the common header does not match the packet.
    case badChecksum
    /// The first chunk's length is below its header's 4 bytes or runs past the packet.
    case badChunkLength
}

/// The checks every packet from the peer passes before `usrsctp_conninput`, so that usrsctp
/// only sees packets addressed to this association with an intact checksum (RFC 9260 §3.1,
/// §6.8). Pure and allocation-free: it reads the borrowed bytes and never traps.
enum SCTPPacketCheck {
    static let commonHeaderLength = 12
    static let chunkHeaderLength = 4
    static let minimumLength = commonHeaderLength + chunkHeaderLength
    /// Where the checksum sits in the common header.
    static let checksumOffset = 8

    /// Nil when `bytes` is a plausible packet from `remotePort` to `localPort`.
    static func defect(in bytes: UnsafeRawBufferPointer, localPort: UInt16, remotePort: UInt16) -> SCTPPacketDefect? {
        guard bytes.count >= minimumLength else { return .tooShort }
        guard bigEndianUInt16(bytes, at: 0) == remotePort, bigEndianUInt16(bytes, at: 2) == localPort else {
            return .wrongPorts
        }
        let chunkLength = Int(bigEndianUInt16(bytes, at: commonHeaderLength + 2))
        guard chunkLength >= chunkHeaderLength, chunkLength <= bytes.count - commonHeaderLength else {
            return .badChunkLength
        }
        guard storedChecksum(bytes) == computedChecksum(bytes) else { return .badChecksum }
        return nil
    }

    /// The checksum field as sent: CRC-32C's value in little-endian byte order, as RFC 9260
    /// Appendix A's reflected computation lays it out.
    static func storedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(bytes[checksumOffset]) | UInt32(bytes[checksumOffset + 1]) << 8
            | UInt32(bytes[checksumOffset + 2]) << 16 | UInt32(bytes[checksumOffset + 3]) << 24
    }

    /// The CRC-32C of the packet with its checksum field taken as zero (without copying it).
    static func computedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var state = CRC32C.update(CRC32C.initial, with: UnsafeRawBufferPointer(rebasing: bytes[..<checksumOffset]))
        state = CRC32C.update(state, zeros: 4)
        state = CRC32C.update(state, with: UnsafeRawBufferPointer(rebasing: bytes[(checksumOffset + 4)...]))
        return CRC32C.finalize(state)
    }

    @inline(__always)
    private static func bigEndianUInt16(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
