// What happened on the channels of one SCTP association.

/// A change the application should learn of, taken from a `DataChannelTable` with
/// `pollEvent()` in the order it happened.
///
/// Invariant: for one channel, `.opened` or `.acknowledged` comes at most once and before any
/// `.message` that follows it; `.closed` is the channel's last event.
public enum DataChannelEvent: Hashable, Sendable {
    /// The peer opened a channel with DCEP; its parameters are in `channel(_:)`.
    case opened(UInt16)
    /// A channel we opened is now open: the peer acknowledged it (or sent on it).
    case acknowledged(UInt16)
    /// The peer sent a message on an open channel.
    case message(UInt16, DataChannelMessage)
    /// Both directions of the channel's stream are reset: the channel is closed.
    case closed(UInt16)
}
