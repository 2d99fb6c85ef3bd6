import Allocator
public import MediaContract
public import MediaServer
import Worker

/// The operator's samples (`ServerSampleSource`) over a `WorkerPool`: each worker's and the
/// data-channel thread's snapshot through their command rings, their threads' CPU time and the
/// process's figures from `/proc`, and jemalloc's heap statistics.
///
/// Invariant: holds no state of its own; a worker that does not answer is left out of the
/// sample, and the data-channel thread's figures are zero when it does not answer.
public struct OperatorStatsSource: ServerSampleSource {
    public let pool: WorkerPool

    public init(pool: WorkerPool) {
        self.pool = pool
    }

    public func sample() async -> ServerSample {
        let workers = await pool.workerSnapshots()
        let dataChannels = await pool.dataChannelSnapshot()
        let now = MonotonicClock.now()
        let allocator = try? Jemalloc.statistics()
        return ServerSample(
            monotonicNanoseconds: now,
            workers: workers.map(Self.sample),
            dataChannels: DataChannelThreadSample(
                associations: dataChannels?.associations ?? 0, cpuSeconds: dataChannels?.cpuSeconds,
                queueDrops: dataChannels?.packetDrops ?? 0,
                messagesRelayed: dataChannels?.relay.messagesRelayed ?? 0, bytesRelayed: dataChannels?.relay.bytesRelayed ?? 0,
                messageDrops: dataChannels.map(Self.messageDrops) ?? 0,
                malformedPackets: dataChannels?.protocolDrops.malformedPackets ?? 0,
                oversizeMessages: dataChannels?.protocolDrops.oversizeMessages ?? 0,
                channelMessageDrops: dataChannels?.protocolDrops.channelMessageDrops ?? 0),
            process: ProcessSample(
                residentBytes: ProcessFigures.residentBytes(), cpuSeconds: ProcessFigures.processCPUSeconds(),
                allocatedBytes: allocator?.allocatedBytes, allocatorActiveBytes: allocator?.activeBytes,
                allocatorResidentBytes: allocator?.residentBytes))
    }

    /// Every message copy the relay dropped, whatever the cause.
    static func messageDrops(_ snapshot: DataChannelThreadSnapshot) -> UInt64 {
        let relay = snapshot.relay
        return relay.droppedWhileOpening &+ relay.droppedUnreliable &+ relay.droppedRefused &+ relay.droppedOnClose
    }

    static func sample(_ snapshot: WorkerMediaSnapshot) -> WorkerSample {
        WorkerSample(
            id: snapshot.worker, transports: snapshot.transports,
            packetsIn: UInt64(truncatingIfNeeded: snapshot.sockets.datagramsReceived),
            packetsOut: UInt64(truncatingIfNeeded: snapshot.sockets.datagramsSent),
            bytesIn: UInt64(truncatingIfNeeded: snapshot.sockets.bytesReceived),
            bytesOut: UInt64(truncatingIfNeeded: snapshot.sockets.bytesSent),
            srtpFailures: snapshot.drops.srtpFailures, parseFailures: snapshot.drops.parseFailures,
            queueDrops: snapshot.queueDrops, cpuSeconds: snapshot.cpuSeconds,
            bufferPool: BufferPoolSample(capacity: snapshot.bufferPool.capacity, inUse: snapshot.bufferPool.inUse))
    }
}
