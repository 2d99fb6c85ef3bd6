/// What a simulated peer's data channel refused or could not do, as plain counters owned by the
/// thread that runs it.
///
/// Invariant: every counter only grows (wrapping).
public struct DataChannelLoadDrops: Sendable, Hashable {
    /// SCTP packets from the server that failed the association's checks (too short, wrong
    /// ports, bad CRC-32C) and never reached usrsctp.
    public var malformedPackets: UInt64 = 0
    /// SCTP packets that arrived before `start(now:)` (usrsctp is not listening yet).
    public var packetsBeforeStart: UInt64 = 0
    /// Messages larger than the association accepts, discarded whole.
    public var oversizeMessages: UInt64 = 0
    /// Messages the channel table dropped (malformed or misplaced DCEP, unknown streams,
    /// refused payload protocols).
    public var channelMessageDrops: UInt64 = 0
    /// Received messages without a probe trailer (not measured).
    public var messagesWithoutProbe: UInt64 = 0
    /// Due messages not sent yet because SCTP's send buffer was full (tried again next tick).
    public var blockedSends: UInt64 = 0
    /// Due messages SCTP refused (channel closing, association down): never sent, never
    /// numbered.
    public var refusedSends: UInt64 = 0
    /// Times opening the "load" channel failed.
    public var channelOpenFailures: UInt64 = 0

    public init() {}

    /// Adds every counter of `other`.
    public mutating func add(_ other: DataChannelLoadDrops) {
        malformedPackets &+= other.malformedPackets
        packetsBeforeStart &+= other.packetsBeforeStart
        oversizeMessages &+= other.oversizeMessages
        channelMessageDrops &+= other.channelMessageDrops
        messagesWithoutProbe &+= other.messagesWithoutProbe
        blockedSends &+= other.blockedSends
        refusedSends &+= other.refusedSends
        channelOpenFailures &+= other.channelOpenFailures
    }
}
