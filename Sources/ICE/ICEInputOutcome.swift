// What became of one datagram handed to an ICE-lite agent.

import RTCWire

/// Why the agent dropped a datagram without answering it.
public enum ICEDropReason: Hashable, Sendable, CustomStringConvertible {
    /// The agent is `failed` or `closed`.
    case agentInactive
    /// Not a well-formed STUN message.
    case malformed(STUNParseError)
    /// A STUN message other than a Binding request (a keep-alive indication, a response to
    /// nothing this agent sent, or another method): nothing to answer.
    case notBindingRequest
    /// FINGERPRINT is present but wrong (RFC 8445 §7.3 uses it to tell STUN apart).
    case badFingerprint
    /// USERNAME is not "<local ufrag>:<remote ufrag>" (the remote half is checked once the
    /// remote credentials are known): the check is meant for another agent or session.
    case unknownUsername
    /// The candidate pair table is full of pairs that are still fresh.
    case candidatePairTableFull
    /// `ICELiteAgent.transmitQueueCapacity` answers are waiting: the owner is not polling.
    case transmitQueueFull

    public var description: String {
        switch self {
        case .agentInactive: "agent is failed or closed"
        case .malformed(let error): "malformed STUN: \(error)"
        case .notBindingRequest: "not a Binding request"
        case .badFingerprint: "FINGERPRINT does not match"
        case .unknownUsername: "USERNAME does not name this agent's session"
        case .candidatePairTableFull: "candidate pair table is full"
        case .transmitQueueFull: "transmit queue is full"
        }
    }
}

/// The outcome of `ICELiteAgent.handleSTUN`, for the owner's debug log; the agent has
/// already counted it in `ICECounters`.
public enum ICEInputOutcome: Hashable, Sendable, CustomStringConvertible {
    /// A valid check: a success response is queued and the pair is valid (and selected if
    /// the check nominated it).
    case accepted
    /// An error response with this code is queued; the agent's state did not change.
    case rejected(STUNErrorCode)
    /// Nothing is queued and the agent's state did not change.
    case dropped(ICEDropReason)

    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .rejected(let code): "rejected with \(code)"
        case .dropped(let reason): "dropped: \(reason)"
        }
    }
}
