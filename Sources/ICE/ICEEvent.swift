// What an ICE-lite agent tells its owner.

/// The agent's connection state, after the W3C RTCIceConnectionState names.
///
/// Invariant: states only move forward: `new` → `checking` → `connected`, and from any of
/// those to `failed` or `closed`, which are final.
public enum ICEConnectionState: Hashable, Sendable, CustomStringConvertible {
    /// No valid check yet.
    case new
    /// At least one valid check answered, no pair nominated yet.
    case checking
    /// The peer nominated a pair; it is the selected pair and holds consent.
    case connected
    /// No nomination within the connect timeout, or the selected pair lost consent
    /// (RFC 7675): the transport must close, and these credentials are not used again.
    case failed
    /// The owner closed the agent.
    case closed

    /// True for `failed` and `closed`: the agent ignores all input from then on.
    public var isFinal: Bool { self == .failed || self == .closed }

    public var description: String {
        switch self {
        case .new: "new"
        case .checking: "checking"
        case .connected: "connected"
        case .failed: "failed"
        case .closed: "closed"
        }
    }
}

/// Something the owner must act on, taken with `ICELiteAgent.pollEvent()`.
///
/// Invariant: a failure cause (`connectTimedOut`, `consentExpired`) is always followed by
/// `stateChanged(.failed)`.
public enum ICEEvent: Hashable, Sendable, CustomStringConvertible {
    case stateChanged(ICEConnectionState)
    /// The peer nominated this pair (first nomination, or a later one after a network change):
    /// send media to its remote address through its local interface from now on.
    case selectedPairChanged(ICECandidatePair)
    /// No valid check on the selected pair for the consent timeout: stop sending to it.
    case consentExpired(ICECandidatePair)
    /// The peer nominated no pair within the connect timeout.
    case connectTimedOut

    public var description: String {
        switch self {
        case .stateChanged(let state): "ICE state \(state)"
        case .selectedPairChanged(let pair): "selected pair \(pair)"
        case .consentExpired(let pair): "consent expired on \(pair)"
        case .connectTimedOut: "no nomination before the connect timeout"
        }
    }
}
