public import RTCWire

/// The answer to a publisher's offer and what the server needs to receive what it accepted.
///
/// Invariants: `sessionDescription` has one media section per offered one, in the same order;
/// every offered section is either in `media`, is `dataChannel`, or is in `rejected`, and only
/// the first two are in the answer's BUNDLE group.
public struct PublishAnswer: Hashable, Sendable {
    public var sessionDescription: SessionDescription
    /// Accepted audio and video sections, in offer order.
    public var media: [AcceptedMedia]
    public var dataChannel: AcceptedDataChannel?
    public var rejected: [RejectedSection]
    /// The publisher's ICE and DTLS parameters (from its BUNDLE-tagged section).
    public var remoteTransport: RemoteTransportParameters

    /// The answer as SDP text.
    public var sdp: String { SDPWriter.write(sessionDescription) }
}

/// An accepted audio or video section: what the publisher will send on it.
///
/// Invariants: `codecs` holds no RTX entry (each codec carries its `rtxPayloadType`) and lists
/// `.media` codecs first, in the server's order of preference; `extensions` are the offer's
/// ids of the header extensions kept; SSRC and rid data are the offer's.
public struct AcceptedMedia: Hashable, Sendable {
    /// Index of the section in the offer and answer.
    public var index: Int
    public var mid: Mid
    public var kind: MediaKind
    /// The offer's direction (publishers send `sendonly` or `sendrecv`; others are inactive).
    public var offeredDirection: MediaDirection
    public var codecs: [NegotiatedCodec]
    public var extensions: [ExtMap]
    public var ssrcAttributes: [SSRCAttribute]
    public var ssrcGroups: [SSRCGroup]
    /// The offer's `a=rid` lines with direction `send` that the answer accepts.
    public var rids: [RIDDescription]
    public var simulcast: Simulcast?
    public var msids: [Msid]
    /// Whether reduced-size RTCP (RFC 5506) was offered and is answered.
    public var rtcpReducedSize: Bool

    /// Whether the publisher sends media on this section.
    public var isReceiving: Bool { offeredDirection.sends }

    /// The id the publisher uses for the header extension `uri`.
    public func extensionID(for uri: String) -> UInt8? {
        extensions.first { $0.uri == uri }?.id
    }

    /// The SSRCs of the offer's `a=ssrc` lines, each once.
    public var ssrcs: [SSRC] {
        var seen = Set<SSRC>()
        return ssrcAttributes.compactMap { seen.insert($0.ssrc).inserted ? $0.ssrc : nil }
    }
}

/// A codec accepted in an answer.
///
/// Invariant: `rtxPayloadType` is set only for `.media` codecs of video sections.
public struct NegotiatedCodec: Hashable, Sendable {
    public var payloadType: PayloadType
    public var role: CodecRole
    public var rtpmap: RTPMap
    public var parameters: FormatParameters?
    /// The feedback the answer keeps for this codec.
    public var feedback: [RTCPFeedback]
    public var rtxPayloadType: PayloadType?

    public init(
        payloadType: PayloadType, role: CodecRole, rtpmap: RTPMap, parameters: FormatParameters? = nil,
        feedback: [RTCPFeedback] = [], rtxPayloadType: PayloadType? = nil
    ) {
        self.payloadType = payloadType
        self.role = role
        self.rtpmap = rtpmap
        self.parameters = parameters
        self.feedback = feedback
        self.rtxPayloadType = rtxPayloadType
    }

    /// `kind/name` as the stats API names codecs, e.g. "video/VP8".
    public func mimeType(kind: MediaKind) -> String { "\(kind)/\(rtpmap.encodingName)" }
}

/// What an accepted payload type carries.
public enum CodecRole: Hashable, Sendable {
    /// A media codec (Opus, VP8, ...).
    case media
    /// Audio redundancy (RED) over accepted media codecs.
    case redundancy
    /// DTMF events.
    case telephoneEvent
}

/// The accepted `m=application` section (WebRTC data channels over SCTP over DTLS).
///
/// Invariant: `remoteSCTPPort` is nonzero (an offer with `a=sctp-port:0` has its data section
/// rejected).
public struct AcceptedDataChannel: Hashable, Sendable {
    public var index: Int
    public var mid: Mid
    /// The publisher's `a=sctp-port` (5000 when absent, RFC 8841 §5).
    public var remoteSCTPPort: UInt16
    /// The publisher's `a=max-message-size` (65536 when absent, RFC 8841 §6).
    public var remoteMaxMessageSize: UInt64
}

/// An offered section the answer rejects (port 0).
public struct RejectedSection: Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var kind: MediaKind
    public var mid: Mid?
    public var reason: RejectionReason

    public var description: String {
        "m-section \(index) (\(kind)\(mid.map { ", mid \($0)" } ?? "")): \(reason)"
    }
}

/// Why an offered section is rejected.
public enum RejectionReason: Hashable, Sendable, CustomStringConvertible {
    /// The offer itself disabled it (port 0).
    case rejectedByOfferer
    /// It has no `a=mid`, so it cannot be bundled.
    case missingMid
    /// Its mid is not in the BUNDLE group.
    case notBundled
    /// Its transport protocol is not DTLS-SRTP (media) or DTLS-SCTP with `webrtc-datachannel`.
    case unsupportedProtocol(String)
    /// Its media kind is neither audio, video nor application.
    case unsupportedMediaKind
    /// None of its codecs is one the server forwards.
    case noCommonCodec
    /// An earlier `m=application` section already carries the data channels.
    case extraDataSection
    /// The publisher may not use data channels (it lacks the API's `data` permission).
    case dataChannelsNotAllowed
    /// Its `a=sctp-port` is 0, which names no SCTP port (RFC 8841 §5).
    case invalidSCTPPort

    public var description: String {
        switch self {
        case .rejectedByOfferer: return "rejected by the offer (port 0)"
        case .missingMid: return "no a=mid"
        case .notBundled: return "not in the BUNDLE group"
        case .unsupportedProtocol(let proto): return "unsupported protocol \(proto)"
        case .unsupportedMediaKind: return "unsupported media kind"
        case .noCommonCodec: return "no codec in common with the server"
        case .extraDataSection: return "a second data section"
        case .dataChannelsNotAllowed: return "data channels are not allowed for this participant"
        case .invalidSCTPPort: return "a=sctp-port:0 names no SCTP port"
        }
    }
}

/// A peer's transport parameters, for the ICE and DTLS layers.
///
/// Invariants: `iceUfrag`/`icePwd` passed the RFC 8839 length and character checks;
/// `fingerprints` holds only sha-256, sha-384 and sha-512 digests and is not empty. In a
/// publisher's offer `setup` is `actpass` or `active` (the server is passive, the publisher the
/// DTLS client); in a subscriber's answer it is `active` or `passive` (the server takes the other
/// role).
public struct RemoteTransportParameters: Hashable, Sendable {
    public var iceUfrag: String
    public var icePwd: String
    public var iceOptions: [String]
    public var iceLite: Bool
    public var fingerprints: [Fingerprint]
    public var setup: SetupRole
    public var candidates: [Candidate]
    public var endOfCandidates: Bool
}
