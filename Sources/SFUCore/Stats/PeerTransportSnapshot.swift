public import ICE
public import SRTP

/// A copy of one transport's state and counters at one moment, to hand to the control plane
/// (the transport itself never leaves its worker).
///
/// Invariant: a value copy; it does not change when the transport does.
public struct PeerTransportSnapshot: Sendable {
    public let iceState: ICEConnectionState
    public let dtlsState: DTLSTransportState
    public let selectedPair: ICECandidatePair?
    public let srtpProfile: SRTPProfile?
    public let dtlsCipher: String?
    /// Why DTLS failed, when it did.
    public let dtlsFailure: String?
    public let counters: PeerTransportCounters
    public let iceCounters: ICECounters
    public let streams: [InboundStreamCounters]
    public let media: PublishedMedia?
}

extension PeerTransport {
    /// The transport's state and counters now.
    public var snapshot: PeerTransportSnapshot {
        PeerTransportSnapshot(
            iceState: ice.state, dtlsState: dtlsState, selectedPair: ice.selectedPair, srtpProfile: srtpProfile,
            dtlsCipher: dtlsCipher, dtlsFailure: dtlsFailure, counters: counters, iceCounters: ice.counters,
            streams: streams, media: media)
    }
}
