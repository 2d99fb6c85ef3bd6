public import RTCWire

/// The attributes of one RTP payload type in a media section, joined: its `a=rtpmap`, its
/// `a=fmtp` and its `a=rtcp-fb` lines.
///
/// Invariant: at least one of `rtpmap`, `parameters`, `feedback` is present (a payload type
/// with no attribute line has no `Codec`); `feedback` keeps the order of its lines.
public struct Codec: Hashable, Sendable {
    public var payloadType: PayloadType
    public var rtpmap: RTPMap?
    public var parameters: FormatParameters?
    public var feedback: [RTCPFeedback]

    public init(payloadType: PayloadType, rtpmap: RTPMap? = nil, parameters: FormatParameters? = nil, feedback: [RTCPFeedback] = []) {
        self.payloadType = payloadType
        self.rtpmap = rtpmap
        self.parameters = parameters
        self.feedback = feedback
    }

    /// `rtpmap`, or the RFC 3551 default of a static payload type written without one.
    public var effectiveRTPMap: RTPMap? {
        rtpmap ?? StaticPayloadType.rtpmap(payloadType)
    }
}

/// The static audio payload types of RFC 3551 §6 that WebRTC peers still write without an
/// `a=rtpmap` line.
enum StaticPayloadType {
    static func rtpmap(_ payloadType: PayloadType) -> RTPMap? {
        switch payloadType.rawValue {
        case 0: return RTPMap(encodingName: "PCMU", clockRate: 8000)
        case 8: return RTPMap(encodingName: "PCMA", clockRate: 8000)
        case 9: return RTPMap(encodingName: "G722", clockRate: 8000)
        case 13: return RTPMap(encodingName: "CN", clockRate: 8000)
        default: return nil
        }
    }
}
