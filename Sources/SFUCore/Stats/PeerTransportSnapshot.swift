public import ICE
public import SDP
public import SRTP

/// A copy of one transport's state and counters at one moment, to hand to the control plane
/// (the transport itself never leaves its worker).
///
/// Invariant: a value copy; it does not change when the transport does.
public struct PeerTransportSnapshot: Sendable {
    /// The worker's monotonic time when the snapshot was taken.
    public let takenAt: Timestamp
    public let iceState: ICEConnectionState
    public let dtlsState: DTLSTransportState
    public let selectedPair: ICECandidatePair?
    public let srtpProfile: SRTPProfile?
    /// The DTLS cipher suite's IANA name.
    public let dtlsCipher: String?
    /// The DTLS version as on the wire (0xFEFD for DTLS 1.2).
    public let dtlsVersion: UInt16?
    /// Why DTLS failed, when it did.
    public let dtlsFailure: String?
    public let counters: PeerTransportCounters
    public let iceCounters: ICECounters
    public let streams: [InboundStreamCounters]
    public let media: PublishedMedia?
    /// Every pair the agent saw a valid check on, in the agent's order.
    public let candidatePairs: [CandidatePairSnapshot]
    /// The candidates the publisher's SDP listed.
    public let remoteCandidates: [Candidate]
    /// The streams the worker forwards on this transport (a subscribe transport's consumers);
    /// the transport does not hold them, so the worker adds them to its snapshot.
    public var outboundStreams: [OutboundStreamSnapshot] = []
}

/// One valid candidate pair of a transport at the moment of a snapshot.
///
/// Invariants: `isNominated` is true for the selected pair only; `holdsConsent` tells whether
/// the transport still takes datagrams from it (`ICELiteAgent.isValid(_:at:)`).
public struct CandidatePairSnapshot: Sendable, Hashable {
    public let pair: ICECandidatePair
    public let isNominated: Bool
    public let holdsConsent: Bool
    /// The PRIORITY of the latest check on the pair (the peer-reflexive candidate's priority).
    public let remotePriority: UInt32?
    /// Monotonic time of the latest valid check on the pair.
    public let lastValidCheck: Timestamp
    public let counters: CandidatePairCounters
}

extension PeerTransport {
    /// The transport's state and counters at `now`.
    public func snapshot(at now: Timestamp) -> PeerTransportSnapshot {
        let pairs = ice.validPairs.map { valid in
            CandidatePairSnapshot(
                pair: valid.pair, isNominated: valid.pair == ice.selectedPair, holdsConsent: ice.isValid(valid.pair, at: now),
                remotePriority: valid.remotePriority, lastValidCheck: valid.lastValidCheck,
                counters: pairCounters.first { $0.pair == valid.pair } ?? CandidatePairCounters(pair: valid.pair))
        }
        return PeerTransportSnapshot(
            takenAt: now, iceState: ice.state, dtlsState: dtlsState, selectedPair: ice.selectedPair, srtpProfile: srtpProfile,
            dtlsCipher: dtlsCipher, dtlsVersion: dtlsVersion, dtlsFailure: dtlsFailure, counters: counters,
            iceCounters: ice.counters, streams: streams, media: media, candidatePairs: pairs, remoteCandidates: remoteCandidates)
    }
}
