/// What the data-channel relay did, as plain integers owned by its thread.
///
/// Invariants: counters only grow (wrapping); every message a publisher sent on an open channel
/// is, for each receiver of its channel, either in `messagesRelayed` or in exactly one drop
/// counter (or still held in that receiver's queue).
public struct DataChannelRelayCounters: Sendable, Hashable {
    /// Messages handed to a receiver's SCTP association.
    public var messagesRelayed: UInt64 = 0
    /// Their payload bytes.
    public var bytesRelayed: UInt64 = 0
    /// Reliable messages dropped because the receiver's channel was not open yet and already
    /// held `DataChannelRelay.heldBytesLimit` bytes.
    public var droppedWhileOpening: UInt64 = 0
    /// Unreliable messages dropped because the receiver's channel was not open or its
    /// association's send buffer was full.
    public var droppedUnreliable: UInt64 = 0
    /// Messages the receiver's channel refused (larger than its `max-message-size`, channel
    /// closed, association down).
    public var droppedRefused: UInt64 = 0
    /// Messages still queued for a receiver when its channel or transport went away.
    public var droppedOnClose: UInt64 = 0
    /// Messages a participant sent on its subscribe transport (nothing is relayed from there).
    public var ignoredFromSubscribers: UInt64 = 0
    /// Times a sender's association stopped being read because a reliable receiver fell behind.
    public var senderPauses: UInt64 = 0
    /// Associations that could not be made (usrsctp refused a socket).
    public var attachFailures: UInt64 = 0

    public init() {}
}
