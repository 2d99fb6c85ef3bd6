/// A picture loss indication, PLI (RFC 4585 §6.3.1, PSFB FMT 1): the packet sender asks the
/// media source for a new key frame. It has no FCI. Read in place.
///
/// Invariant: the packet holds the 12-byte feedback header; bytes after it are ignored.
/// Valid while the buffer is.
public struct PictureLossIndication {
    public let raw: RTCPRawPacket

    /// Checks that the feedback header fits in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<PictureLossIndication, RTCPParseError> {
        if let error = raw.require(FeedbackLayout.fciOffset) { return .failure(error) }
        return .success(PictureLossIndication(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: FeedbackLayout.senderOffset) }
    public var mediaSSRC: SSRC { raw.ssrc(at: FeedbackLayout.mediaSourceOffset) }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: FeedbackLayout.senderOffset, field: .sender, using: &mapping)
        packet.rewrite(at: FeedbackLayout.mediaSourceOffset, field: .mediaSource, using: &mapping)
    }

    /// Writes a PLI into `buffer`; returns the 12 bytes written, or nil when they do not fit.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC, mediaSSRC: SSRC) -> Int? {
        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.pictureLossFormat, type: .payloadSpecificFeedback,
                              packetSize: FeedbackLayout.fciOffset, senderSSRC: senderSSRC, mediaSSRC: mediaSSRC)
        return writer.finish(expectedSize: FeedbackLayout.fciOffset)
    }
}
