public import SCTP

/// What the relay's associations refused from their peers, summed over every association the
/// relay has had (those still attached and those already detached): SCTP packets that failed
/// the pre-check (header, ports, CRC-32C), messages over the reassembly limit, and data-channel
/// messages the channel tables dropped (malformed or misplaced DCEP, unknown streams, refused
/// payload protocols; `DataChannelDropCause`).
///
/// Invariant: every counter only grows (wrapping); a detached association's counts stay in.
public struct DataChannelProtocolDrops: Sendable, Hashable {
    public var malformedPackets: UInt64 = 0
    public var oversizeMessages: UInt64 = 0
    public var channelMessageDrops: UInt64 = 0

    public init() {}

    /// Adds what `connection` counted.
    mutating func add(_ connection: DataChannelConnection) {
        let counters = connection.association.counters
        malformedPackets &+= counters.malformedPackets
        oversizeMessages &+= counters.oversizeMessages
        channelMessageDrops &+= connection.table.counters.total
    }
}
