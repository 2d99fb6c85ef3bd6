// The tunable limits of an ICE-lite agent.

/// Timeouts and table size for one `ICELiteAgent`.
///
/// Invariants (enforced by the initializer, which clamps): both timeouts are at least one
/// nanosecond and `maximumCandidatePairs` is at least 1.
public struct ICEAgentConfiguration: Hashable, Sendable {
    /// How long after creation the peer has to nominate a pair before the agent fails.
    public let connectTimeout: Duration
    /// How long the selected pair keeps consent after the last valid check on it (RFC 7675
    /// §5.1: 30 seconds). Also how long a pair must have been silent before a full table may
    /// forget it to make room for a new one.
    public let consentTimeout: Duration
    /// How many candidate pairs (local interface, remote address) the agent tracks; checks
    /// from further pairs are dropped, so a flood cannot grow the agent.
    public let maximumCandidatePairs: Int

    public init(connectTimeout: Duration = .seconds(30), consentTimeout: Duration = .seconds(30),
                maximumCandidatePairs: Int = 16) {
        let nanosecond = Duration.nanoseconds(1)
        self.connectTimeout = max(connectTimeout, nanosecond)
        self.consentTimeout = max(consentTimeout, nanosecond)
        self.maximumCandidatePairs = max(maximumCandidatePairs, 1)
    }
}
