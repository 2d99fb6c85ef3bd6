/// The media side's figures at one moment, for the operator (`GET /v1/stats`, `/metrics`): each
/// media worker's, the data-channel thread's and the process's. Rates are not in a sample: the
/// control plane derives them from two samples and the monotonic time between them.
///
/// Invariants: `monotonicNanoseconds` is when the sample was taken, on a clock that never goes
/// back (`CLOCK_MONOTONIC`); `workers` are in worker order, one per worker that answered;
/// counters only grow over the life of the process (a later sample's are ≥ an earlier one's).
public struct ServerSample: Sendable, Hashable {
    /// When the sample was taken (monotonic nanoseconds, no relation to wall-clock time).
    public var monotonicNanoseconds: Int64
    public var workers: [WorkerSample]
    public var dataChannels: DataChannelThreadSample
    public var process: ProcessSample

    public init(monotonicNanoseconds: Int64, workers: [WorkerSample], dataChannels: DataChannelThreadSample, process: ProcessSample) {
        self.monotonicNanoseconds = monotonicNanoseconds
        self.workers = workers
        self.dataChannels = dataChannels
        self.process = process
    }
}

/// One media worker's figures in a `ServerSample`.
///
/// Invariants: `packets…`/`bytes…` count UDP datagrams and their payload bytes through the
/// worker's sockets since start (STUN, DTLS and SRTP alike); every counter only grows;
/// `bufferPool.inUse <= bufferPool.capacity`.
public struct WorkerSample: Sendable, Hashable {
    /// The worker's index (its UDP port is `udp.port + id`).
    public var id: Int
    /// Transports open on the worker.
    public var transports: Int
    public var packetsIn: UInt64
    public var packetsOut: UInt64
    public var bytesIn: UInt64
    public var bytesOut: UInt64
    /// SRTP/SRTCP that did not authenticate, were replayed, or libsrtp refused otherwise.
    public var srtpFailures: UInt64
    /// Datagrams that did not parse (malformed STUN, RTP, or of no known protocol).
    public var parseFailures: UInt64
    /// Packets dropped for want of room: mesh ring full, buffer pool empty, send refused.
    public var queueDrops: UInt64
    /// Seconds of CPU the worker thread has used; nil when unknown.
    public var cpuSeconds: Double?
    public var bufferPool: BufferPoolSample

    public init(
        id: Int, transports: Int, packetsIn: UInt64, packetsOut: UInt64, bytesIn: UInt64, bytesOut: UInt64,
        srtpFailures: UInt64, parseFailures: UInt64, queueDrops: UInt64, cpuSeconds: Double?, bufferPool: BufferPoolSample
    ) {
        self.id = id
        self.transports = transports
        self.packetsIn = packetsIn
        self.packetsOut = packetsOut
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.srtpFailures = srtpFailures
        self.parseFailures = parseFailures
        self.queueDrops = queueDrops
        self.cpuSeconds = cpuSeconds
        self.bufferPool = bufferPool
    }
}

/// A packet buffer pool's size and use in a sample.
///
/// Invariant: `0 <= inUse <= capacity`.
public struct BufferPoolSample: Sendable, Hashable {
    /// Slots in the pool.
    public var capacity: Int
    /// Slots taken (by the owner, by other threads, or on their way back).
    public var inUse: Int

    public init(capacity: Int, inUse: Int) {
        self.capacity = capacity
        self.inUse = inUse
    }
}

/// The data-channel thread's figures in a `ServerSample` (all zero when it did not answer).
///
/// Invariant: every counter only grows.
public struct DataChannelThreadSample: Sendable, Hashable {
    /// SCTP associations (one per transport that negotiated data channels).
    public var associations: Int
    /// Seconds of CPU the thread has used; nil when unknown.
    public var cpuSeconds: Double?
    /// SCTP packets not delivered to a worker (pool empty, ring full, association unknown).
    public var queueDrops: UInt64
    /// Message copies handed to receivers' associations, and their payload bytes.
    public var messagesRelayed: UInt64
    public var bytesRelayed: UInt64
    /// Message copies the relay dropped: held too long while a receiver's channel opened,
    /// unreliable ones with no room, refused by the receiver's channel, still queued at close.
    public var messageDrops: UInt64
    /// SCTP packets from peers that failed the pre-check (header, ports, CRC-32C).
    public var malformedPackets: UInt64
    /// Messages from peers over the reassembly limit, discarded.
    public var oversizeMessages: UInt64
    /// Data-channel messages from peers the channel tables dropped (bad or misplaced DCEP,
    /// unknown stream, refused payload protocol).
    public var channelMessageDrops: UInt64

    public init(
        associations: Int, cpuSeconds: Double?, queueDrops: UInt64, messagesRelayed: UInt64 = 0, bytesRelayed: UInt64 = 0,
        messageDrops: UInt64 = 0, malformedPackets: UInt64 = 0, oversizeMessages: UInt64 = 0, channelMessageDrops: UInt64 = 0
    ) {
        self.associations = associations
        self.cpuSeconds = cpuSeconds
        self.queueDrops = queueDrops
        self.messagesRelayed = messagesRelayed
        self.bytesRelayed = bytesRelayed
        self.messageDrops = messageDrops
        self.malformedPackets = malformedPackets
        self.oversizeMessages = oversizeMessages
        self.channelMessageDrops = channelMessageDrops
    }
}

/// The process's figures in a `ServerSample`; each is nil when the system could not tell it.
///
/// Invariant: `allocatedBytes <= allocatorActiveBytes <= allocatorResidentBytes` as jemalloc
/// accounts them (up to its statistics' refresh).
public struct ProcessSample: Sendable, Hashable {
    /// The resident set (RSS), from `/proc/self/statm`.
    public var residentBytes: Int?
    /// Seconds of CPU every thread of the process has used, from `/proc/self/stat`.
    public var cpuSeconds: Double?
    /// Bytes in live heap allocations (jemalloc `stats.allocated`).
    public var allocatedBytes: Int?
    /// Bytes in the allocator's active pages (jemalloc `stats.active`).
    public var allocatorActiveBytes: Int?
    /// Bytes in resident pages the allocator maps, metadata included (jemalloc `stats.resident`).
    public var allocatorResidentBytes: Int?

    public init(
        residentBytes: Int?, cpuSeconds: Double?, allocatedBytes: Int?, allocatorActiveBytes: Int?, allocatorResidentBytes: Int?
    ) {
        self.residentBytes = residentBytes
        self.cpuSeconds = cpuSeconds
        self.allocatedBytes = allocatedBytes
        self.allocatorActiveBytes = allocatorActiveBytes
        self.allocatorResidentBytes = allocatorResidentBytes
    }
}
