/// How one message is sent: ordered or not, and how reliably.
public struct SCTPSendOptions: Sendable, Equatable {
    /// Delivered as soon as it arrives, not in stream order (SCTP's U bit).
    public var unordered: Bool
    public var reliability: SCTPReliability

    public init(unordered: Bool = false, reliability: SCTPReliability = .reliable) {
        self.unordered = unordered
        self.reliability = reliability
    }
}

/// The PR-SCTP policy of a message (RFC 3758, RFC 7496): the message is abandoned, and the
/// peer told to skip it, once the limit passes.
public enum SCTPReliability: Sendable, Equatable {
    /// Retransmitted until acknowledged.
    case reliable
    /// Abandoned after this many retransmissions (0: sent once). `SCTP_PR_SCTP_RTX`.
    case maxRetransmits(UInt32)
    /// Abandoned when not acknowledged this many milliseconds after `send`. `SCTP_PR_SCTP_TTL`.
    case maxLifetime(milliseconds: UInt32)
}

/// What became of a message handed to `SCTPAssociation.send`. Nothing is queued unless the
/// result is `.sent`: the caller still owns the message otherwise.
public enum SCTPSendResult: Sendable, Equatable {
    /// usrsctp queued the whole message.
    case sent
    /// The send buffer cannot take it now; `.sendBufferAvailable` follows once SACKs free room.
    case wouldBlock
    /// The association is not established (still connecting, shutting down or closed).
    case notEstablished
    /// The message is larger than the send buffer could ever hold.
    case tooLarge
    /// A zero-length message: SCTP cannot carry one (DCEP sends a single byte in its place,
    /// RFC 8831 §6.6).
    case emptyPayload
    /// The stream is at or above the outgoing stream count the peer granted.
    case invalidStream
    /// usrsctp refused it with this errno.
    case failed(errno: Int32)
}
