import SRTP

/// What a `DTLSEndpoint` reports through `pollEvent()`, in the order it happened.
///
/// Invariant: an endpoint reports `.connected` at most once, and only after the peer's
/// certificate matched its SDP fingerprint and an SRTP profile was agreed; `.applicationData`
/// only after `.connected`; nothing after `.closed` or `.failed`, and at most one of those.
public enum DTLSEvent: Sendable, Equatable {
    /// The handshake completed. `keyingMaterial.profile` is the negotiated SRTP profile and its
    /// keys are oriented for this endpoint (`local` protects what it sends);
    /// `peerFingerprint` is the peer certificate's fingerprint that matched its SDP.
    case connected(keyingMaterial: SRTPKeyingMaterial, peerFingerprint: DTLSFingerprint)
    /// One record of application data from the peer (SCTP packets for data channels).
    case applicationData([UInt8])
    /// The peer sent close_notify; our close_notify in reply is queued for `pollTransmit`.
    case closed
    /// The connection failed; no more keys, data or events will come.
    case failed(DTLSError)
}
