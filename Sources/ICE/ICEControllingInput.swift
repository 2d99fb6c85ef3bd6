// What became of one datagram handed to a controlling ICE agent.

import RTCWire

/// Why a controlling agent dropped a datagram without acting on it.
public enum ICEControllingDropReason: Hashable, Sendable, CustomStringConvertible {
    /// The agent is `failed` or `closed`.
    case agentInactive
    /// Not a well-formed STUN message.
    case malformed(STUNParseError)
    /// A STUN message that is neither a Binding request nor a Binding response (a Binding
    /// indication is a keep-alive and needs nothing).
    case notBindingMessage
    /// FINGERPRINT is wrong, or missing from a response (RFC 8445 §7.2.2 requires it).
    case badFingerprint
    /// A request whose USERNAME is not "<local ufrag>:<remote ufrag>".
    case unknownUsername
    /// MESSAGE-INTEGRITY is missing or does not verify: a request with the local password, a
    /// response with the remote one (an error response may also carry none).
    case badIntegrity
    /// A response whose transaction ID names no transaction the agent is waiting on (a late
    /// answer to a retransmission, or a forgery).
    case unknownTransaction
    /// A success response without a valid XOR-MAPPED-ADDRESS.
    case missingMappedAddress
    /// A response from another address than the request went to (RFC 8445 §7.2.5.2.1: the
    /// pair is not symmetric).
    case unexpectedSource
    /// `ICEControllingAgent.transmitQueueCapacity` datagrams are waiting: the owner is not
    /// polling, so a request cannot be answered.
    case transmitQueueFull

    public var description: String {
        switch self {
        case .agentInactive: "agent is failed or closed"
        case .malformed(let error): "malformed STUN: \(error)"
        case .notBindingMessage: "not a Binding request or response"
        case .badFingerprint: "FINGERPRINT missing or does not match"
        case .unknownUsername: "USERNAME does not name this agent's session"
        case .badIntegrity: "MESSAGE-INTEGRITY missing or does not verify"
        case .unknownTransaction: "response to no outstanding transaction"
        case .missingMappedAddress: "success response without XOR-MAPPED-ADDRESS"
        case .unexpectedSource: "response from another address than the request went to"
        case .transmitQueueFull: "transmit queue is full"
        }
    }
}

/// The outcome of `ICEControllingAgent.handleSTUN`, for the owner's debug log; the agent has
/// already counted it in `ICEControllingCounters`.
public enum ICEControllingInput: Hashable, Sendable, CustomStringConvertible {
    /// A verified response (success or error) to one of the agent's transactions; the agent
    /// acted on it.
    case accepted
    /// A valid request from the peer; an answer is queued for `pollTransmit(into:)`.
    case answeredRequest
    /// Nothing changed and nothing is queued.
    case dropped(ICEControllingDropReason)

    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .answeredRequest: "answered a request"
        case .dropped(let reason): "dropped: \(reason)"
        }
    }
}

/// Why a controlling agent failed, read from `ICEControllingAgent.failure`.
public enum ICEControllingFailure: Hashable, Sendable, CustomStringConvertible {
    /// No nomination was answered within the connect timeout.
    case connectTimedOut
    /// No consent check on the selected pair was answered within the consent timeout.
    case consentExpired
    /// The peer answered 487: it claims the controlling role, which a lite peer never may, and
    /// this agent does not give it up.
    case roleConflict

    public var description: String {
        switch self {
        case .connectTimedOut: "no pair nominated before the connect timeout"
        case .consentExpired: "consent expired on the selected pair"
        case .roleConflict: "the peer answered 487 (Role Conflict)"
        }
    }
}

/// What a controlling agent has sent, received and dropped, as plain integers.
///
/// Invariants: counters only grow (wrapping at 2^64); every datagram given to `handleSTUN`
/// adds one to exactly one of `successResponsesReceived`, `errorResponsesReceived`,
/// `requestsAnswered` and `dropped`.
public struct ICEControllingCounters: Hashable, Sendable {
    /// First transmissions of connectivity, nomination and consent checks.
    public var checksSent: UInt64 = 0
    /// Retransmissions of checks not yet answered.
    public var retransmissionsSent: UInt64 = 0
    public var successResponsesReceived: UInt64 = 0
    /// Verified error responses (487 included).
    public var errorResponsesReceived: UInt64 = 0
    /// The peer's requests answered (success or 487).
    public var requestsAnswered: UInt64 = 0
    public var dropped: UInt64 = 0
    /// Datagrams not handed to the owner: a full queue, a buffer too small, or the agent
    /// failed or closed first.
    public var transmitsUnsent: UInt64 = 0

    public init() {}
}
