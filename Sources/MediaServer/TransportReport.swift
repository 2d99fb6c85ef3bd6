public import SDP
public import SFUCore

/// What the pool knows of one transport for its stats: the transport's snapshot and the host
/// candidates its worker announced (a pair's local interface indexes them).
///
/// Invariant: `localCandidates` are the candidates of the worker that holds (or held) the
/// transport, in socket order.
public struct TransportReport: Sendable {
    public let snapshot: PeerTransportSnapshot
    public let localCandidates: [HostCandidate]
}
