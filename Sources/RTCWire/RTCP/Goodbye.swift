/// A goodbye, BYE (RFC 3550 §6.6): `header.count` SSRC/CSRCs leaving, then optionally a reason
/// (length octet and text). Read in place.
///
/// Invariant: the announced SSRCs fit in the packet and, when bytes follow them, the reason's
/// length octet and text fit too. Valid while the buffer is.
public struct Goodbye {
    public let raw: RTCPRawPacket

    /// Checks that the SSRC list and any reason fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<Goodbye, RTCPParseError> {
        let reasonOffset = RTCPHeader.size + 4 * Int(raw.header.count)
        if let error = raw.require(reasonOffset) { return .failure(error) }
        if reasonOffset < raw.bytes.count,
           let error = raw.require(reasonOffset + 1 + Int(raw.bytes[reasonOffset])) {
            return .failure(error)
        }
        return .success(Goodbye(raw: raw))
    }

    public var ssrcs: SSRCList { SSRCList(bytes: raw.bytes, offset: RTCPHeader.size, count: Int(raw.header.count)) }

    /// The reason for leaving as the packet's own bytes, or nil when the packet has none.
    public var reason: UnsafeRawBufferPointer? {
        let lengthOffset = RTCPHeader.size + 4 * Int(raw.header.count)
        guard lengthOffset < raw.bytes.count else { return nil }
        let end = lengthOffset + 1 + Int(raw.bytes[lengthOffset])
        guard end <= raw.bytes.count else { return nil }
        return UnsafeRawBufferPointer(rebasing: raw.bytes[(lengthOffset + 1)..<end])
    }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        ssrcs.rewriteSSRCs(packet, field: .goodbye, using: &mapping)
    }

    /// Writes a BYE into `buffer`; returns the bytes written, or nil when it does not fit, there
    /// are more than 31 SSRCs or the reason is longer than 255 bytes.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, ssrcs: [SSRC],
                             reason: [UInt8]? = nil) -> Int? {
        guard ssrcs.count <= 31 else { return nil }
        var size = RTCPHeader.size + 4 * ssrcs.count
        if let reason {
            guard reason.count <= 255 else { return nil }
            size += (1 + reason.count + 3) & ~3
        }
        var writer = RTCPWriter(buffer)
        writer.header(count: UInt8(ssrcs.count), type: .goodbye, packetSize: size)
        for ssrc in ssrcs { writer.ssrc(ssrc) }
        if let reason {
            writer.u8(UInt8(reason.count))
            writer.bytes(reason)
            writer.zeroPadToWord()
        }
        return writer.finish(expectedSize: size)
    }
}
