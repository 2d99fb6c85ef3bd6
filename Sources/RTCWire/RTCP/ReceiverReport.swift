/// A receiver report, RR (RFC 3550 §6.4.2): the reporter's SSRC and up to 31 report blocks.
/// Read in place.
///
/// Invariant: the packet holds the 8-byte header and sender SSRC plus `header.count` report
/// blocks; bytes after them (profile-specific extensions) are ignored. Valid while the buffer is.
public struct ReceiverReport {
    /// Size of the header and reporter SSRC, before the first report block.
    static let fixedSize = 8

    public let raw: RTCPRawPacket

    /// Checks that the reporter SSRC and the announced report blocks fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<ReceiverReport, RTCPParseError> {
        if let error = raw.require(fixedSize + Int(raw.header.count) * ReportBlock.size) { return .failure(error) }
        return .success(ReceiverReport(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: 4) }
    public var reportBlocks: ReportBlocks {
        ReportBlocks(bytes: raw.bytes, offset: Self.fixedSize, count: Int(raw.header.count))
    }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: 4, field: .sender, using: &mapping)
        reportBlocks.rewriteSSRCs(packet, using: &mapping)
    }

    /// Writes an RR into `buffer`; returns the bytes written, or nil when it does not fit or
    /// there are more than 31 report blocks.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC,
                             reportBlocks: [ReportBlock]) -> Int? {
        guard reportBlocks.count <= 31 else { return nil }
        let size = fixedSize + reportBlocks.count * ReportBlock.size
        var writer = RTCPWriter(buffer)
        writer.header(count: UInt8(reportBlocks.count), type: .receiverReport, packetSize: size)
        writer.ssrc(senderSSRC)
        for block in reportBlocks { block.write(to: &writer) }
        return writer.finish(expectedSize: size)
    }
}
