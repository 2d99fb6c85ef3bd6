public import RTCWire
public import SDP

/// What a subscriber's answer settled, handed to the ``MediaEngine``: the subscriber's ICE and
/// DTLS parameters, the server's DTLS role, one consumer per track it receives, and its side of
/// the data channels.
///
/// Invariants: `consumers` have distinct `mid`s and distinct `ssrc`s; each names a track of
/// another participant of the same room. `dataChannel` is set only when the offer had a data
/// section (the subscriber has the `data` permission) and the answer accepted it.
public struct Subscription: Hashable, Sendable {
    public var remote: RemoteTransportParameters
    /// True when the answer said `a=setup:passive`: the server is then the DTLS client.
    public var serverIsDTLSClient: Bool
    public var consumers: [SubscribedTrack]
    /// The subscriber's answered `a=sctp-port` and `a=max-message-size`; nil when no data
    /// section was offered or the answer rejected it (port 0): no data channels then.
    public var dataChannel: DataChannelTransport?

    public init(
        remote: RemoteTransportParameters, serverIsDTLSClient: Bool, consumers: [SubscribedTrack], dataChannel: DataChannelTransport? = nil
    ) {
        self.remote = remote
        self.serverIsDTLSClient = serverIsDTLSClient
        self.consumers = consumers
        self.dataChannel = dataChannel
    }
}

/// One track forwarded to one subscriber: whose track it is, and how its packets are rewritten
/// for this subscriber.
///
/// Invariants: `payloadTypes` maps only payload types both the publisher's answer and the
/// subscriber's answer kept; `extensionIDs` maps the publisher's extension ids to ids the
/// subscriber accepted (other elements are erased when forwarded).
public struct SubscribedTrack: Hashable, Sendable {
    public var publisher: String
    /// The publisher's mid of the track (with `publisher`, the producer's identity).
    public var publisherMid: Mid
    public var kind: MediaKind
    /// The subscriber's mid of the section.
    public var mid: Mid
    public var ssrc: SSRC
    public var rtxSSRC: SSRC?
    public var payloadTypes: [PayloadTypeMapping]
    public var extensionIDs: [UInt8: UInt8]
    public var paused: Bool
    /// The section's codecs the subscriber's answer kept, in the subscriber's numbering (what
    /// its stats' `codec` entries describe).
    public var codecs: [NegotiatedCodec]

    public init(
        publisher: String, publisherMid: Mid, kind: MediaKind, mid: Mid, ssrc: SSRC, rtxSSRC: SSRC?,
        payloadTypes: [PayloadTypeMapping], extensionIDs: [UInt8: UInt8], paused: Bool, codecs: [NegotiatedCodec] = []
    ) {
        self.publisher = publisher
        self.publisherMid = publisherMid
        self.kind = kind
        self.mid = mid
        self.ssrc = ssrc
        self.rtxSSRC = rtxSSRC
        self.payloadTypes = payloadTypes
        self.extensionIDs = extensionIDs
        self.paused = paused
        self.codecs = codecs
    }
}

/// One payload type as the publisher sends it and as the subscriber receives it.
///
/// Invariant: for a retransmission (RTX) payload type, `associated` is the publisher's media
/// payload type it repairs.
public struct PayloadTypeMapping: Hashable, Sendable {
    public var publisher: PayloadType
    public var subscriber: PayloadType
    /// The codec's encoding name as in `a=rtpmap` (e.g. "VP8", "opus", "rtx").
    public var encodingName: String
    public var clockRate: UInt32
    public var associated: PayloadType?

    public init(publisher: PayloadType, subscriber: PayloadType, encodingName: String, clockRate: UInt32, associated: PayloadType? = nil) {
        self.publisher = publisher
        self.subscriber = subscriber
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.associated = associated
    }
}
