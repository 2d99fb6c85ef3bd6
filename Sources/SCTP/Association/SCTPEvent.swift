/// What an `SCTPAssociation` reports through `pollEvent()`, in the order it happened.
///
/// Invariants: `.established` comes at most once and before any `.message`; `.closed` comes
/// exactly once for an association that was connected or aborted, and nothing follows it.
public enum SCTPEvent: Sendable, Equatable {
    /// The handshake completed: messages may be sent.
    case established
    /// One whole message from the peer.
    case message(SCTPMessage)
    /// The peer reset these incoming streams (RFC 6525; empty: every stream): their sequence
    /// numbers restart, and in WebRTC the channels on them are closing (RFC 8831 §6.7).
    case incomingStreamsReset([UInt16])
    /// Our reset of these outgoing streams (`resetOutgoingStreams`) completed (empty: every
    /// stream).
    case outgoingStreamsReset([UInt16])
    /// The send buffer has room again after a `send` answered `.wouldBlock`.
    case sendBufferAvailable
    /// The association ended; nothing more will be sent or received.
    case closed(SCTPCloseReason)
}

/// One message as the peer sent it: its stream, its payload protocol identifier (host order)
/// and whether it was sent unordered.
///
/// Invariant: `payload` is the whole message (partial deliveries are joined before it is
/// reported), never longer than the association's `maximumMessageSize`.
public struct SCTPMessage: Sendable, Equatable {
    public var stream: UInt16
    /// The payload protocol identifier (RFC 8831 §8: 50 DCEP, 51 string, 53 binary, …).
    public var ppid: UInt32
    public var payload: [UInt8]
    public var unordered: Bool

    public init(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool) {
        self.stream = stream
        self.ppid = ppid
        self.payload = payload
        self.unordered = unordered
    }
}

/// Why an association ended.
public enum SCTPCloseReason: Sendable, Equatable, CustomStringConvertible {
    /// SHUTDOWN completed (either side asked for it).
    case shutdown
    /// The peer sent ABORT.
    case abortedByPeer
    /// This side called `abort()`.
    case aborted
    /// Retransmissions ran out on an established association (the peer went silent).
    case communicationLost
    /// The handshake failed (INIT or COOKIE-ECHO retransmissions ran out, or `connect` failed).
    case cannotStart

    public var description: String {
        switch self {
        case .shutdown: "shutdown"
        case .abortedByPeer: "aborted by peer"
        case .aborted: "aborted"
        case .communicationLost: "communication lost"
        case .cannotStart: "cannot start"
        }
    }
}
