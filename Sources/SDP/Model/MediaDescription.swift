public import RTCWire

/// One media section: the `m=` line and the lines up to the next one, with WebRTC's attributes
/// typed.
///
/// Invariants: `formats` is the `m=` line's format list as written (payload types for RTP
/// protocols, e.g. `webrtc-datachannel` for SCTP); `codecs` joins `rtpmap`/`fmtp`/`rtcp-fb` by
/// payload type, ordered as the payload types appear in `formats` (payload types that have
/// attributes but are not in `formats` follow in the order they first appeared); codec
/// attributes are typed only when `isRTP`. `otherAttributes` keeps every attribute without a
/// typed field, in order.
public struct MediaDescription: Hashable, Sendable {
    public var kind: MediaKind
    public var port: UInt16
    /// The `/<number of ports>` suffix of the port, if written.
    public var portCount: UInt16?
    /// The transport protocol, e.g. `UDP/TLS/RTP/SAVPF` or `UDP/DTLS/SCTP`.
    public var proto: String
    public var formats: [String]
    public var connection: ConnectionData?
    public var bandwidths: [Bandwidth]
    /// Media-level `i=` and `k=` lines, in order.
    public var extraLines: [SDPLine]

    public var mid: Mid?
    public var direction: MediaDirection?
    public var rtcpMux: Bool
    public var rtcpReducedSize: Bool
    public var transport: TransportAttributes
    public var extmapAllowMixed: Bool
    public var extensions: [ExtMap]
    public var msids: [Msid]
    public var codecs: [Codec]
    /// `a=rtcp-fb:*` lines: feedback for every payload type of the section.
    public var sharedFeedback: [RTCPFeedback]
    public var ssrcAttributes: [SSRCAttribute]
    public var ssrcGroups: [SSRCGroup]
    public var rids: [RIDDescription]
    public var simulcast: Simulcast?
    public var sctpPort: UInt16?
    public var maxMessageSize: UInt64?
    public var candidates: [Candidate]
    public var endOfCandidates: Bool
    public var otherAttributes: [Attribute]

    public init(
        kind: MediaKind, port: UInt16, proto: String, formats: [String], portCount: UInt16? = nil,
        connection: ConnectionData? = nil, bandwidths: [Bandwidth] = [], extraLines: [SDPLine] = [],
        mid: Mid? = nil, direction: MediaDirection? = nil, rtcpMux: Bool = false,
        rtcpReducedSize: Bool = false, transport: TransportAttributes = TransportAttributes(),
        extmapAllowMixed: Bool = false, extensions: [ExtMap] = [], msids: [Msid] = [],
        codecs: [Codec] = [], sharedFeedback: [RTCPFeedback] = [], ssrcAttributes: [SSRCAttribute] = [],
        ssrcGroups: [SSRCGroup] = [], rids: [RIDDescription] = [], simulcast: Simulcast? = nil,
        sctpPort: UInt16? = nil, maxMessageSize: UInt64? = nil, candidates: [Candidate] = [],
        endOfCandidates: Bool = false, otherAttributes: [Attribute] = []
    ) {
        self.kind = kind
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.connection = connection
        self.bandwidths = bandwidths
        self.extraLines = extraLines
        self.mid = mid
        self.direction = direction
        self.rtcpMux = rtcpMux
        self.rtcpReducedSize = rtcpReducedSize
        self.transport = transport
        self.extmapAllowMixed = extmapAllowMixed
        self.extensions = extensions
        self.msids = msids
        self.codecs = codecs
        self.sharedFeedback = sharedFeedback
        self.ssrcAttributes = ssrcAttributes
        self.ssrcGroups = ssrcGroups
        self.rids = rids
        self.simulcast = simulcast
        self.sctpPort = sctpPort
        self.maxMessageSize = maxMessageSize
        self.candidates = candidates
        self.endOfCandidates = endOfCandidates
        self.otherAttributes = otherAttributes
    }

    /// Whether the protocol carries RTP (its formats are payload types).
    public var isRTP: Bool { MediaDescription.isRTP(proto: proto) }

    static func isRTP(proto: String) -> Bool { proto.contains("RTP/") }

    /// The formats as payload types (empty unless `isRTP`).
    public var payloadTypes: [PayloadType] {
        guard isRTP else { return [] }
        return formats.compactMap { SDPText.number($0[...], as: UInt8.self).flatMap(PayloadType.init(rawValue:)) }
    }

    /// The codec attributes of `payloadType`, if it has any.
    public func codec(_ payloadType: PayloadType) -> Codec? {
        codecs.first { $0.payloadType == payloadType }
    }

    /// The section's direction, else the session's, else `sendrecv` (RFC 8866 §6.7).
    public func effectiveDirection(session: SessionAttributes) -> MediaDirection {
        direction ?? session.direction ?? .sendrecv
    }

    /// The SSRCs named by `a=ssrc` lines, each once, in order of first appearance.
    public var ssrcs: [SSRC] {
        var seen = Set<SSRC>()
        return ssrcAttributes.compactMap { seen.insert($0.ssrc).inserted ? $0.ssrc : nil }
    }
}

/// The `<media>` field of an `m=` line.
///
/// Invariant: `other` never holds "audio", "video" or "application".
public enum MediaKind: Hashable, Sendable, CustomStringConvertible {
    case audio, video, application
    case other(String)

    public init(_ text: String) {
        switch text {
        case "audio": self = .audio
        case "video": self = .video
        case "application": self = .application
        default: self = .other(text)
        }
    }

    public var description: String {
        switch self {
        case .audio: return "audio"
        case .video: return "video"
        case .application: return "application"
        case .other(let text): return text
        }
    }
}

/// The direction attributes `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`, from the
/// point of view of the description's author.
public enum MediaDirection: String, Hashable, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// Whether the author sends media in this direction.
    public var sends: Bool { self == .sendrecv || self == .sendonly }
    /// Whether the author receives media in this direction.
    public var receives: Bool { self == .sendrecv || self == .recvonly }
}
