/// An application-defined packet, APP (RFC 3550 §6.7): a 5-bit subtype, the sender's SSRC, a
/// four-character name and application data. Read in place.
///
/// Invariant: the packet holds at least the 12 bytes up to the end of the name; `data` is
/// everything after it (padding excluded). Valid while the buffer is.
public struct ApplicationDefined {
    /// Size of the header, SSRC and name, before the data.
    static let fixedSize = 12

    public let raw: RTCPRawPacket

    /// Checks that the SSRC and name fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<ApplicationDefined, RTCPParseError> {
        if let error = raw.require(fixedSize) { return .failure(error) }
        return .success(ApplicationDefined(raw: raw))
    }

    /// The 5-bit subtype carried in the header's count field.
    public var subtype: UInt8 { raw.header.count }
    public var senderSSRC: SSRC { raw.ssrc(at: 4) }
    /// The four ASCII characters of the name, the first in the most significant byte.
    public var name: UInt32 { raw.bytes.u32(8) }
    /// Offsets of the application data from the start of the packet.
    public var dataRange: Range<Int> { Self.fixedSize..<raw.bytes.count }
    /// The application data as the packet's own bytes.
    public var data: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw.bytes[dataRange]) }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: 4, field: .sender, using: &mapping)
    }

    /// Writes an APP packet into `buffer`; returns the bytes written, or nil when it does not fit,
    /// `subtype` exceeds 31 or `data` is not a multiple of 4 bytes long (RFC 3550 §6.7).
    public static func write(into buffer: UnsafeMutableRawBufferPointer, subtype: UInt8, senderSSRC: SSRC,
                             name: UInt32, data: some Collection<UInt8>) -> Int? {
        let dataCount = data.count
        guard subtype < 32, dataCount % 4 == 0 else { return nil }
        let size = fixedSize + dataCount
        var writer = RTCPWriter(buffer)
        writer.header(count: subtype, type: .applicationDefined, packetSize: size)
        writer.ssrc(senderSSRC)
        writer.u32(name)
        writer.bytes(data)
        return writer.finish(expectedSize: size)
    }
}
