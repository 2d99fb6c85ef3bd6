/// A sender report, SR (RFC 3550 §6.4.1): the sender's SSRC, its sender info (wall clock and RTP
/// time of the report, packet and octet counts) and up to 31 report blocks. Read in place.
///
/// Invariant: the packet holds the 28-byte header and sender info plus `header.count` report
/// blocks; bytes after them (profile-specific extensions) are ignored. Valid while the buffer is.
public struct SenderReport {
    /// Size of the header, sender SSRC and sender info, before the first report block.
    static let fixedSize = 28

    public let raw: RTCPRawPacket

    /// Checks that the sender info and the announced report blocks fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<SenderReport, RTCPParseError> {
        if let error = raw.require(fixedSize + Int(raw.header.count) * ReportBlock.size) { return .failure(error) }
        return .success(SenderReport(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: 4) }
    /// The 64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low.
    public var ntpTimestamp: UInt64 { raw.bytes.u64(8) }
    /// `ntpTimestamp` as a typed value (Unix time, LSR bits).
    public var ntp: NTPTimestamp { NTPTimestamp(rawValue: ntpTimestamp) }
    /// The RTP timestamp corresponding to `ntpTimestamp`.
    public var rtpTimestamp: UInt32 { raw.bytes.u32(16) }
    /// Packets sent since the start of transmission.
    public var packetCount: UInt32 { raw.bytes.u32(20) }
    /// Payload octets sent since the start of transmission.
    public var octetCount: UInt32 { raw.bytes.u32(24) }
    public var reportBlocks: ReportBlocks {
        ReportBlocks(bytes: raw.bytes, offset: Self.fixedSize, count: Int(raw.header.count))
    }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: 4, field: .sender, using: &mapping)
        reportBlocks.rewriteSSRCs(packet, using: &mapping)
    }

    /// Writes an SR into `buffer`; returns the bytes written, or nil when it does not fit or
    /// there are more than 31 report blocks.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC,
                             ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32,
                             octetCount: UInt32, reportBlocks: [ReportBlock]) -> Int? {
        guard reportBlocks.count <= 31 else { return nil }
        let size = fixedSize + reportBlocks.count * ReportBlock.size
        var writer = RTCPWriter(buffer)
        writer.header(count: UInt8(reportBlocks.count), type: .senderReport, packetSize: size)
        writer.ssrc(senderSSRC)
        writer.u64(ntpTimestamp)
        writer.u32(rtpTimestamp)
        writer.u32(packetCount)
        writer.u32(octetCount)
        for block in reportBlocks { block.write(to: &writer) }
        return writer.finish(expectedSize: size)
    }
}
