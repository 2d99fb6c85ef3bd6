public import SFUCore
public import Worker

/// The data-channel thread's own figures at one moment, for the operator's stats: made on that
/// thread (`DataChannelCommand.threadSnapshot`) and copied out; `cpuSeconds` is added by the
/// pool from the thread's `/proc` entry.
///
/// Invariant: a value copy; `packetDrops` only grows (wrapping).
public struct DataChannelThreadSnapshot: Sendable, Hashable {
    /// SCTP associations the thread holds (one per transport that negotiated data channels).
    public let associations: Int
    /// SCTP packets the thread could not deliver to a worker: its buffer pool was empty, the
    /// mesh ring was full, or the association was unknown.
    public let packetDrops: UInt64
    /// Its packet memory's use.
    public let bufferPool: BufferPoolUsage
    /// What the relay did with the messages publishers sent (relayed, dropped by cause).
    public let relay: DataChannelRelayCounters
    /// What the associations refused from their peers (bad SCTP packets, oversize messages,
    /// dropped data-channel messages).
    public let protocolDrops: DataChannelProtocolDrops
    /// Seconds of CPU the thread has used (user + system); nil when unknown.
    public internal(set) var cpuSeconds: Double?

    init(
        associations: Int, packetDrops: UInt64, bufferPool: BufferPoolUsage, relay: DataChannelRelayCounters,
        protocolDrops: DataChannelProtocolDrops
    ) {
        self.associations = associations
        self.packetDrops = packetDrops
        self.bufferPool = bufferPool
        self.relay = relay
        self.protocolDrops = protocolDrops
    }
}
