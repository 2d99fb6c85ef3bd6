// How hard SCTP tries to deliver a data channel's messages (RFC 8831, RFC 3758 PR-SCTP).

/// The delivery policy of a data channel: fully reliable, or partially reliable with a limit
/// on retransmissions or on lifetime (RFC 8832 §5.1 channel types `…_PARTIAL_RELIABLE_REXMIT`
/// and `…_PARTIAL_RELIABLE_TIMED`).
///
/// Invariant: exactly one policy. A limit is carried as given; 0 is valid (sent once, never
/// retransmitted; or abandoned as soon as the first transmission is lost).
public enum DataChannelReliability: Hashable, Sendable {
    /// Retransmitted until acknowledged.
    case reliable
    /// Abandoned after this many retransmissions.
    case maxRetransmits(UInt32)
    /// Abandoned once this many milliseconds have passed since the message was first sent.
    case maxPacketLifeTime(UInt32)
}
