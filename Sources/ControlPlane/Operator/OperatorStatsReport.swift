public import Hummingbird
import MediaContract

/// The body of `GET /v1/stats`: each media worker's counters and rates, the data-channel
/// thread's, their totals, the process's memory and CPU, and the rooms (plan of the Operator
/// issue; API.md "Operator").
///
/// Invariants: counters are those of the latest sample; rates and utilizations are between the
/// last two samples (`intervalSeconds` apart; 0 and all rates 0 while there is only one);
/// `totals` are the sums over `workers`; a figure the system could not tell is `null`.
public struct OperatorStatsReport: ResponseEncodable, Sendable, Hashable {
    /// Unix milliseconds of the latest sample (of the report when there is none).
    public let timestamp: Int64
    public let intervalSeconds: Double
    public let uptimeSeconds: Int
    public let rooms: Int
    public let participants: Int
    public let workers: [Worker]
    public let dataChannels: DataChannels
    public let totals: Totals
    public let process: Process
    /// Every open room.
    public let roomList: [RoomOccupancy]

    /// One media worker.
    public struct Worker: Encodable, Sendable, Hashable {
        public let id: Int
        public let transports: Int
        public let packetsIn: UInt64
        public let packetsOut: UInt64
        public let bytesIn: UInt64
        public let bytesOut: UInt64
        public let packetsInPerSecond: Double
        public let packetsOutPerSecond: Double
        public let bytesInPerSecond: Double
        public let bytesOutPerSecond: Double
        public let srtpFailures: UInt64
        public let parseFailures: UInt64
        public let queueDrops: UInt64
        @NullWhenUnknown public internal(set) var cpuSeconds: Double?
        @NullWhenUnknown public internal(set) var cpuUtilization: Double?
        public let bufferPool: BufferPool

    }

    /// A buffer pool's size and use.
    public struct BufferPool: Encodable, Sendable, Hashable {
        public let capacity: Int
        public let inUse: Int
    }

    /// The data-channel thread.
    public struct DataChannels: Encodable, Sendable, Hashable {
        public let associations: Int
        @NullWhenUnknown public internal(set) var cpuSeconds: Double?
        @NullWhenUnknown public internal(set) var cpuUtilization: Double?
        public let queueDrops: UInt64
        public let messagesRelayed: UInt64
        public let bytesRelayed: UInt64
        public let messageDrops: UInt64
        public let malformedPackets: UInt64
        public let oversizeMessages: UInt64
        public let channelMessageDrops: UInt64

    }

    /// Sums over the workers (CPU seconds: of the workers whose CPU time is known).
    public struct Totals: Encodable, Sendable, Hashable {
        public let transports: Int
        public let packetsIn: UInt64
        public let packetsOut: UInt64
        public let bytesIn: UInt64
        public let bytesOut: UInt64
        public let packetsInPerSecond: Double
        public let packetsOutPerSecond: Double
        public let bytesInPerSecond: Double
        public let bytesOutPerSecond: Double
        public let srtpFailures: UInt64
        public let parseFailures: UInt64
        public let queueDrops: UInt64
        public let cpuSeconds: Double
    }

    /// The process.
    public struct Process: Encodable, Sendable, Hashable {
        @NullWhenUnknown public internal(set) var residentBytes: Int?
        @NullWhenUnknown public internal(set) var cpuSeconds: Double?
        @NullWhenUnknown public internal(set) var allocatedBytes: Int?
        @NullWhenUnknown public internal(set) var allocatorActiveBytes: Int?
        @NullWhenUnknown public internal(set) var allocatorResidentBytes: Int?

    }
}

extension OperatorStatsReport {
    /// The report of `window` (empty figures when it holds no sample: a server without media),
    /// with the rooms and the uptime; `now` stamps a report without sample.
    public init(window: SampleWindow, rooms roomList: [RoomOccupancy], uptimeSeconds: Int, now: Int64) {
        let latest = window.latest?.sample
        let previous = window.previous?.sample
        let seconds = window.intervalSeconds
        let workers = (latest?.workers ?? []).map { current in
            Worker(current, rates: WorkerRates(from: previous?.workers.first { $0.id == current.id }, to: current, seconds: seconds))
        }
        let dataChannels = latest?.dataChannels
        timestamp = window.latest?.unixMilliseconds ?? now
        intervalSeconds = seconds
        self.uptimeSeconds = uptimeSeconds
        rooms = roomList.count
        participants = roomList.reduce(0) { $0 + $1.participants }
        self.workers = workers
        self.dataChannels = DataChannels(
            associations: dataChannels?.associations ?? 0, cpuSeconds: dataChannels?.cpuSeconds,
            cpuUtilization: previous == nil
                ? dataChannels?.cpuSeconds.map { _ in 0 }
                : SampleRates.utilization(from: previous?.dataChannels.cpuSeconds, to: dataChannels?.cpuSeconds, seconds: seconds),
            queueDrops: dataChannels?.queueDrops ?? 0, messagesRelayed: dataChannels?.messagesRelayed ?? 0,
            bytesRelayed: dataChannels?.bytesRelayed ?? 0, messageDrops: dataChannels?.messageDrops ?? 0,
            malformedPackets: dataChannels?.malformedPackets ?? 0, oversizeMessages: dataChannels?.oversizeMessages ?? 0,
            channelMessageDrops: dataChannels?.channelMessageDrops ?? 0)
        totals = Totals(workers)
        process = Process(
            residentBytes: latest?.process.residentBytes, cpuSeconds: latest?.process.cpuSeconds,
            allocatedBytes: latest?.process.allocatedBytes, allocatorActiveBytes: latest?.process.allocatorActiveBytes,
            allocatorResidentBytes: latest?.process.allocatorResidentBytes)
        self.roomList = roomList
    }
}

extension OperatorStatsReport.Worker {
    init(_ sample: WorkerSample, rates: WorkerRates) {
        self.init(
            id: sample.id, transports: sample.transports, packetsIn: sample.packetsIn, packetsOut: sample.packetsOut,
            bytesIn: sample.bytesIn, bytesOut: sample.bytesOut, packetsInPerSecond: rates.packetsInPerSecond,
            packetsOutPerSecond: rates.packetsOutPerSecond, bytesInPerSecond: rates.bytesInPerSecond,
            bytesOutPerSecond: rates.bytesOutPerSecond, srtpFailures: sample.srtpFailures, parseFailures: sample.parseFailures,
            queueDrops: sample.queueDrops, cpuSeconds: sample.cpuSeconds, cpuUtilization: rates.cpuUtilization,
            bufferPool: OperatorStatsReport.BufferPool(capacity: sample.bufferPool.capacity, inUse: sample.bufferPool.inUse))
    }
}

extension OperatorStatsReport.Totals {
    init(_ workers: [OperatorStatsReport.Worker]) {
        self.init(
            transports: workers.reduce(0) { $0 + $1.transports },
            packetsIn: workers.reduce(0) { $0 &+ $1.packetsIn },
            packetsOut: workers.reduce(0) { $0 &+ $1.packetsOut },
            bytesIn: workers.reduce(0) { $0 &+ $1.bytesIn },
            bytesOut: workers.reduce(0) { $0 &+ $1.bytesOut },
            packetsInPerSecond: workers.reduce(0) { $0 + $1.packetsInPerSecond },
            packetsOutPerSecond: workers.reduce(0) { $0 + $1.packetsOutPerSecond },
            bytesInPerSecond: workers.reduce(0) { $0 + $1.bytesInPerSecond },
            bytesOutPerSecond: workers.reduce(0) { $0 + $1.bytesOutPerSecond },
            srtpFailures: workers.reduce(0) { $0 &+ $1.srtpFailures },
            parseFailures: workers.reduce(0) { $0 &+ $1.parseFailures },
            queueDrops: workers.reduce(0) { $0 &+ $1.queueDrops },
            cpuSeconds: workers.reduce(0) { $0 + ($1.cpuSeconds ?? 0) })
    }
}
