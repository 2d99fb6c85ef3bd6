// The tunable limits of a controlling ICE agent.

/// Timeouts of one `ICEControllingAgent`.
///
/// Invariants (enforced by the initializer, which clamps): every duration is at least one
/// nanosecond.
public struct ICEControllingConfiguration: Sendable, Hashable {
    /// How long after creation a pair must be nominated (its USE-CANDIDATE check answered)
    /// before the agent fails.
    public let connectTimeout: Duration
    /// The mean time between consent checks on the selected pair (RFC 7675 §5.1: 5 seconds);
    /// each interval is drawn uniformly from 0.8 to 1.2 times this.
    public let consentInterval: Duration
    /// How long the selected pair keeps consent after the last answered consent check
    /// (RFC 7675 §5.1: 30 seconds).
    public let consentTimeout: Duration

    public init(connectTimeout: Duration = .seconds(10), consentInterval: Duration = .seconds(5),
                consentTimeout: Duration = .seconds(30)) {
        let nanosecond = Duration.nanoseconds(1)
        self.connectTimeout = max(connectTimeout, nanosecond)
        self.consentInterval = max(consentInterval, nanosecond)
        self.consentTimeout = max(consentTimeout, nanosecond)
    }
}
