/// The video payload formats whose key frames `KeyFrameDetector` recognizes, and `.other` for
/// every payload it does not look into (audio, or a video format it does not parse).
///
/// Invariant: each case names one RTP payload format: VP8 (RFC 7741), VP9 (RFC 9628), H.264
/// (RFC 6184, packetization modes 0 and 1) and AV1 ("RTP Payload Format For AV1", AOMedia).
public enum VideoCodecKind: Hashable, Sendable {
    case vp8
    case vp9
    case h264
    case av1
    case other

    /// The kind of the format named `encodingName` in an `a=rtpmap` line (compared without
    /// case); `.other` for any name but VP8, VP9, H264 and AV1.
    public init(encodingName: String) {
        switch encodingName.lowercased() {
        case "vp8": self = .vp8
        case "vp9": self = .vp9
        case "h264": self = .h264
        case "av1": self = .av1
        default: self = .other
        }
    }
}
