public import RTCWire

/// One m-section of a subscribe offer, in the order the offer lists them.
///
/// Invariant: a section keeps its index for the transport's life (JSEP never reorders
/// m-sections); a track that ends turns its `.track` into `.inactive` in place, with the same mid.
public enum SubscribeSection: Hashable, Sendable {
    /// A forwarded track the server sends (`a=sendonly`).
    case track(SubscribeTrackSection)
    /// A track that ended: the section stays, with its port and codecs, `a=inactive`, and no
    /// `a=ssrc` or `a=msid` line.
    case inactive(mid: Mid, kind: MediaKind, codecs: [NegotiatedCodec])
    /// The data channels: `m=application … UDP/DTLS/SCTP webrtc-datachannel`.
    case data(mid: Mid)

    /// The section's mid.
    public var mid: Mid {
        switch self {
        case .track(let track): return track.mid
        case .inactive(let mid, _, _): return mid
        case .data(let mid): return mid
        }
    }

    /// The section's media kind (`.application` for data).
    public var kind: MediaKind {
        switch self {
        case .track(let track): return track.kind
        case .inactive(_, let kind, _): return kind
        case .data: return .application
        }
    }
}

/// A forwarded track as the subscribe offer states it, in the server's (subscriber-side)
/// numbering.
///
/// Invariants: `kind` is `.audio` or `.video`; `codecs` holds the server's payload types (from
/// `SubscriberPayloadTypes`), media codecs first, each with its `rtxPayloadType` when the track
/// is retransmitted, and no payload type twice; `extensions` use the server's ids
/// (`SubscriberExtensionIDs`); `rtxSSRC` is set only when some codec has an RTX payload type;
/// `streamID` and `trackID` are non-empty without spaces.
public struct SubscribeTrackSection: Hashable, Sendable {
    /// The subscriber-side mid (server-chosen, e.g. "0", "1", …).
    public var mid: Mid
    public var kind: MediaKind
    public var codecs: [NegotiatedCodec]
    public var extensions: [ExtMap]
    /// The SSRC the server sends the track's media with.
    public var ssrc: SSRC
    /// The SSRC of its retransmissions, grouped with `ssrc` by `a=ssrc-group:FID`.
    public var rtxSSRC: SSRC?
    public var cname: String
    /// The `a=msid` stream id: the publisher's participant id.
    public var streamID: String
    /// The `a=msid` track id: the API's track id.
    public var trackID: String

    public init(
        mid: Mid, kind: MediaKind, codecs: [NegotiatedCodec], extensions: [ExtMap], ssrc: SSRC,
        rtxSSRC: SSRC? = nil, cname: String, streamID: String, trackID: String
    ) {
        self.mid = mid
        self.kind = kind
        self.codecs = codecs
        self.extensions = extensions
        self.ssrc = ssrc
        self.rtxSSRC = rtxSSRC
        self.cname = cname
        self.streamID = streamID
        self.trackID = trackID
    }
}
