// What a data channel table asks of the SCTP association.

/// Work for the SCTP layer, taken from a `DataChannelTable` with `pollOutput()` in order.
///
/// Invariant: a `.resetStreams` list is never empty and names each stream once.
public enum DataChannelOutput: Hashable, Sendable {
    /// Send this message (a DCEP OPEN or ACK, with its own send options).
    case message(SCTPOutboundMessage)
    /// Reset these outgoing streams (RFC 6525), which closes their channels (RFC 8831 §6.7).
    case resetStreams([UInt16])
}
