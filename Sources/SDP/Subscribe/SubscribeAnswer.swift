public import RTCWire

/// What a subscriber's answer accepted, read against the server's offer.
///
/// Invariants: `sections` has one entry per offered m-section, in offer order, with the
/// offer's mids and kinds; `remoteTransport` comes from the answer's BUNDLE-tagged section and
/// its `setup` is `active` (the subscriber is the DTLS client, the server the server) or
/// `passive` (the reverse) — never `actpass` or `holdconn`.
public struct SubscribeAnswer: Hashable, Sendable {
    /// The subscriber's ICE ufrag/pwd, fingerprints, setup role and candidates.
    public var remoteTransport: RemoteTransportParameters
    public var sections: [AnsweredSection]
}

/// One offered m-section as the subscriber answered it.
///
/// Invariants: `payloadTypes` and `extensionIDs` hold only numbers the offer gave this section
/// (both are empty when the answer rejected it with port 0); `isReceiving` is false for
/// sections offered inactive and for the data section; `dataChannel` is set only for an
/// accepted data section.
public struct AnsweredSection: Hashable, Sendable {
    public var mid: Mid
    public var kind: MediaKind
    /// Whether the subscriber takes media on it: port ≠ 0 and direction `recvonly` (or
    /// `sendrecv`, which some stacks answer to a `sendonly` offer and which means the same here).
    public var isReceiving: Bool
    /// The offered payload types the answer kept, in the answer's order (RTX ones included).
    public var payloadTypes: [PayloadType]
    /// The offered header extension ids the answer kept (same id and URI as offered).
    public var extensionIDs: [UInt8]
    /// Whether the answer kept an RTX payload type together with the `nack` feedback of the
    /// codec it repairs.
    public var acceptsRetransmission: Bool
    public var dataChannel: AnsweredDataChannel?
}

/// The subscriber's side of an accepted data section.
///
/// Invariant: `remoteSCTPPort` is nonzero.
public struct AnsweredDataChannel: Hashable, Sendable {
    /// The subscriber's `a=sctp-port` (5000 when absent, RFC 8841 §5).
    public var remoteSCTPPort: UInt16
    /// The subscriber's `a=max-message-size` (65536 when absent, RFC 8841 §6).
    public var remoteMaxMessageSize: UInt64
}
