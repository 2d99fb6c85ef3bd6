extension FullIntraRequest {
    /// Writes a FIR with one entry into `buffer` (the common case: one media sender asked for a
    /// decoder refresh) without building an array; returns the 20 bytes written, or nil when
    /// they do not fit. Same layout as `write(into:senderSSRC:entries:)`.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC, entry: Entry) -> Int? {
        let size = FeedbackLayout.fciOffset + Entry.size
        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.fullIntraRequestFormat, type: .payloadSpecificFeedback,
                              packetSize: size, senderSSRC: senderSSRC, mediaSSRC: SSRC(0))
        writer.ssrc(entry.ssrc)
        writer.u8(entry.sequenceNumber)
        writer.u24(0)
        return writer.finish(expectedSize: size)
    }
}
