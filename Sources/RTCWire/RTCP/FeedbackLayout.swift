/// Field positions shared by every RTCP feedback message (RFC 4585 §6.1): after the 4-byte
/// header come the packet sender's SSRC and the media source's SSRC, then the FCI.
///
/// Invariant: these offsets hold for packet types 205 (RTPFB) and 206 (PSFB) of any FMT.
enum FeedbackLayout {
    static let senderOffset = 4
    static let mediaSourceOffset = 8
    /// Offset of the feedback control information (FCI), the size of the common part.
    static let fciOffset = 12

    /// RTPFB FMT 1, RFC 4585 §6.2.1.
    static let genericNackFormat: UInt8 = 1
    /// RTPFB FMT 15, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.
    static let transportWideFormat: UInt8 = 15
    /// PSFB FMT 1, RFC 4585 §6.3.1.
    static let pictureLossFormat: UInt8 = 1
    /// PSFB FMT 4, RFC 5104 §4.3.1.
    static let fullIntraRequestFormat: UInt8 = 4
    /// PSFB FMT 15, application layer feedback, RFC 4585 §6.4 (REMB rides on it).
    static let applicationLayerFormat: UInt8 = 15
}

extension RTCPWriter {
    /// Writes the header and the two SSRCs common to feedback messages.
    mutating func feedbackHeader(format: UInt8, type: RTCPPacketType, packetSize: Int,
                                 senderSSRC: SSRC, mediaSSRC: SSRC) {
        header(count: format, type: type, packetSize: packetSize)
        ssrc(senderSSRC)
        ssrc(mediaSSRC)
    }
}
