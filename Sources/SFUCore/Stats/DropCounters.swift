public import ICE

/// Datagrams a worker could not use, by cause: its transport table's routing drops and its
/// transports' own drops, as plain integers (for the operator's per-worker figures).
///
/// Invariant: counters only grow (wrapping at 2^64); each dropped datagram is in one field.
public struct DropCounters: Sendable, Hashable {
    /// STUN whose USERNAME names no transport (or that does not parse as STUN with one).
    public var unknownUsername: UInt64 = 0
    /// Other datagrams from an address without a valid, consented pair: those no transport
    /// routes, and those a transport refused (`PeerTransportCounters.droppedUnverifiedSource`).
    public var unknownSource: UInt64 = 0
    /// SRTP/SRTCP that did not authenticate, were replayed, or libsrtp refused otherwise.
    public var srtpFailures: UInt64 = 0
    /// Datagrams that did not parse: malformed STUN, decrypted RTP that is not RTP, and
    /// datagrams of no known protocol.
    public var parseFailures: UInt64 = 0
    /// RTP/RTCP before the DTLS keys, and RTP of an unknown SSRC.
    public var otherDrops: UInt64 = 0

    public init() {}

    /// The drops one transport counted.
    public init(_ transport: PeerTransportCounters, ice: ICECounters) {
        unknownSource = transport.droppedUnverifiedSource
        srtpFailures = transport.srtpAuthenticationFailures &+ transport.srtpReplays &+ transport.srtpOtherFailures
        parseFailures = ice.droppedMalformed &+ transport.droppedMalformedRTP &+ transport.droppedUnclassified
        otherDrops = transport.droppedBeforeKeys &+ transport.droppedUnknownSSRC
    }

    /// Adds `other`'s counts to these.
    public mutating func add(_ other: DropCounters) {
        unknownUsername &+= other.unknownUsername
        unknownSource &+= other.unknownSource
        srtpFailures &+= other.srtpFailures
        parseFailures &+= other.parseFailures
        otherDrops &+= other.otherDrops
    }
}
