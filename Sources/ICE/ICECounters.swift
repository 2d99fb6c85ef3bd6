// Per-agent counters, read by the owner for stats and metrics.

/// What an `ICELiteAgent` has seen and done, as plain integers owned by the agent.
///
/// Invariants: counters only grow (wrapping at 2^64); every datagram given to `handleSTUN`
/// lands in exactly one of `requestsAccepted`, `rejectedBadRequest`, `rejectedUnauthorized`,
/// `rejectedUnknownAttribute`, `rejectedRoleConflict` or one `dropped…` counter; each queued
/// response is later counted once in `successResponsesSent`, `errorResponsesSent` or
/// `responsesUnsent`.
public struct ICECounters: Hashable, Sendable {
    /// Well-formed Binding requests, whatever became of them.
    public var requestsReceived: UInt64 = 0
    /// Valid checks answered with success.
    public var requestsAccepted: UInt64 = 0
    /// Times the selected pair changed (first nomination included).
    public var nominations: UInt64 = 0

    /// 400: USERNAME or MESSAGE-INTEGRITY missing.
    public var rejectedBadRequest: UInt64 = 0
    /// 401: MESSAGE-INTEGRITY does not verify with the local password (authentication failures).
    public var rejectedUnauthorized: UInt64 = 0
    /// 420: an unknown comprehension-required attribute.
    public var rejectedUnknownAttribute: UInt64 = 0
    /// 487: the peer claims the controlled role too.
    public var rejectedRoleConflict: UInt64 = 0

    public var droppedAgentInactive: UInt64 = 0
    public var droppedMalformed: UInt64 = 0
    public var droppedNotBindingRequest: UInt64 = 0
    public var droppedBadFingerprint: UInt64 = 0
    public var droppedUnknownUsername: UInt64 = 0
    public var droppedCandidatePairTableFull: UInt64 = 0
    public var droppedTransmitQueueFull: UInt64 = 0

    /// Success responses handed to the owner by `pollTransmit(into:)`.
    public var successResponsesSent: UInt64 = 0
    /// Error responses handed to the owner by `pollTransmit(into:)`.
    public var errorResponsesSent: UInt64 = 0
    /// Queued responses discarded because the owner's buffer was too small, or because the
    /// agent failed or closed before they were polled.
    public var responsesUnsent: UInt64 = 0

    public init() {}

    mutating func count(_ reason: ICEDropReason) {
        switch reason {
        case .agentInactive: droppedAgentInactive &+= 1
        case .malformed: droppedMalformed &+= 1
        case .notBindingRequest: droppedNotBindingRequest &+= 1
        case .badFingerprint: droppedBadFingerprint &+= 1
        case .unknownUsername: droppedUnknownUsername &+= 1
        case .candidatePairTableFull: droppedCandidatePairTableFull &+= 1
        case .transmitQueueFull: droppedTransmitQueueFull &+= 1
        }
    }
}
