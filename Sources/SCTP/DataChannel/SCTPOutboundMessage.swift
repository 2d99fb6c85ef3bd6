// One SCTP user message a data channel table wants sent, with its send options.

/// An SCTP user message with everything the SCTP layer needs to send it: the stream, the
/// payload protocol identifier and the per-message delivery options.
///
/// Invariants of every value a `DataChannelTable` makes: `payload` is never empty (an empty
/// application message is already replaced by its one-byte stand-in, PPID 56 or 57); a DCEP
/// message (`ppid` 50) is ordered and reliable (RFC 8832 §6).
public struct SCTPOutboundMessage: Hashable, Sendable {
    public var stream: UInt16
    public var ppid: UInt32
    public var payload: [UInt8]
    /// Deliver as soon as it arrives rather than in stream order (SCTP's U bit).
    public var unordered: Bool
    public var reliability: DataChannelReliability

    public init(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool, reliability: DataChannelReliability) {
        self.stream = stream
        self.ppid = ppid
        self.payload = payload
        self.unordered = unordered
        self.reliability = reliability
    }
}
