/// What the server accepts when it answers a publisher: codecs in its order of preference, the
/// RTCP feedback and the header extensions it understands.
///
/// Invariants: `audioCodecs` and `videoCodecs` are in the server's order of preference (the
/// answer lists accepted codecs in that order, whatever the offer's order); RTX, RED and
/// telephone-event are not listed there: they follow the flags below and are accepted only
/// alongside a codec they refer to.
public struct CodecPolicy: Hashable, Sendable {
    public var audioCodecs: [CodecPreference]
    public var videoCodecs: [CodecPreference]
    /// Accept `rtx` (RFC 4588) for each accepted video codec whose `apt=` names it.
    public var acceptsRetransmission: Bool
    /// Accept audio `red` (RFC 2198) when every payload type in its `fmtp` is accepted.
    public var acceptsAudioRedundancy: Bool
    /// Accept `telephone-event` (RFC 4733) at the clock rate of an accepted audio codec.
    public var acceptsTelephoneEvent: Bool
    /// RTCP feedback kept on accepted codecs; other feedback is left out of the answer.
    public var feedback: [RTCPFeedback]
    /// Header extension URIs kept, with the offer's ids; others are left out of the answer.
    public var headerExtensionURIs: [String]
    /// Echo `a=extmap-allow-mixed` when offered (the RTP code reads two-byte extensions).
    public var acceptsMixedExtensionForms: Bool

    public init(
        audioCodecs: [CodecPreference], videoCodecs: [CodecPreference], acceptsRetransmission: Bool = true,
        acceptsAudioRedundancy: Bool = true, acceptsTelephoneEvent: Bool = true, feedback: [RTCPFeedback],
        headerExtensionURIs: [String], acceptsMixedExtensionForms: Bool = true
    ) {
        self.audioCodecs = audioCodecs
        self.videoCodecs = videoCodecs
        self.acceptsRetransmission = acceptsRetransmission
        self.acceptsAudioRedundancy = acceptsAudioRedundancy
        self.acceptsTelephoneEvent = acceptsTelephoneEvent
        self.feedback = feedback
        self.headerExtensionURIs = headerExtensionURIs
        self.acceptsMixedExtensionForms = acceptsMixedExtensionForms
    }

    /// Switchboard's policy: Opus, PCMU, PCMA, G722; VP8, VP9, H.264 (packetization mode 1, the
    /// one every browser decodes), AV1; NACK, PLI, FIR, REMB, transport-cc; the extensions the
    /// forwarding core reads or rewrites.
    public static let standard = CodecPolicy(
        audioCodecs: [
            CodecPreference(name: "opus", clockRate: 48000, channels: 2),
            CodecPreference(name: "PCMU", clockRate: 8000),
            CodecPreference(name: "PCMA", clockRate: 8000),
            CodecPreference(name: "G722", clockRate: 8000),
        ],
        videoCodecs: [
            CodecPreference(name: "VP8", clockRate: 90000),
            CodecPreference(name: "VP9", clockRate: 90000),
            CodecPreference(name: "H264", clockRate: 90000, requiredParameters: [FormatParameter(name: "packetization-mode", value: "1")]),
            CodecPreference(name: "AV1", clockRate: 90000),
        ],
        feedback: [.nack, .pictureLossIndication, .fullIntraRequest, .receiverEstimatedMaxBitrate, .transportWideCC],
        headerExtensionURIs: [
            HeaderExtensionURI.mid, HeaderExtensionURI.rtpStreamID, HeaderExtensionURI.repairedRTPStreamID,
            HeaderExtensionURI.absoluteSendTime, HeaderExtensionURI.transportWideCC, HeaderExtensionURI.audioLevel,
            HeaderExtensionURI.videoOrientation, HeaderExtensionURI.playoutDelay,
        ]
    )

    func preferences(for kind: MediaKind) -> [CodecPreference] {
        switch kind {
        case .audio: return audioCodecs
        case .video: return videoCodecs
        case .application, .other: return []
        }
    }
}

/// One acceptable codec: encoding name (compared without case), clock rate, channel count when
/// it matters, and `fmtp` parameters an offered format must carry.
///
/// Invariant: `requiredParameters` names are compared without case and values exactly; a
/// parameter missing from the offer does not match (H.264's absent `packetization-mode` means 0).
public struct CodecPreference: Hashable, Sendable {
    public var name: String
    public var clockRate: UInt32
    public var channels: UInt16?
    public var requiredParameters: [FormatParameter]

    public init(name: String, clockRate: UInt32, channels: UInt16? = nil, requiredParameters: [FormatParameter] = []) {
        self.name = name
        self.clockRate = clockRate
        self.channels = channels
        self.requiredParameters = requiredParameters
    }

    /// Whether an offered format with `rtpmap` and `parameters` is this codec.
    public func matches(_ rtpmap: RTPMap, parameters: FormatParameters?) -> Bool {
        guard rtpmap.encodingName.lowercased() == name.lowercased(), rtpmap.clockRate == clockRate else { return false }
        if let channels, (rtpmap.channels ?? 1) != channels { return false }
        return requiredParameters.allSatisfy { required in
            parameters?.value(for: required.name) == required.value
        }
    }
}

/// One `name=value` item of an `a=fmtp` line.
///
/// Invariant: `name` is non-empty; neither contains ";".
public struct FormatParameter: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
