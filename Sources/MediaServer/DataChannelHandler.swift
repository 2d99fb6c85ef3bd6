public import Logging
import MediaContract
import SCTP
import SFUCore
public import Worker

/// The data-channel thread's code (a `WorkerThread` without sockets, the last node of the
/// `WorkerMesh`): it owns the process's one usrsctp instance through the `DataChannelRelay`.
/// SCTP packets arrive from the media workers over the mesh (decrypted DTLS application data)
/// and go back the same way, in slots of this thread's pool, to the worker that owns the
/// transport; usrsctp's timers run on a fixed tick while any association exists.
///
/// Why one thread: usrsctp keeps its state in globals, so one instance serves the process; a
/// single owner calls it without sharing it between threads, and relaying between associations
/// needs no cross-thread hop (docs/ARCHITECTURE.md).
///
/// Invariants: `workerOfAssociation` names exactly the attached associations; the tick is
/// scheduled exactly while the relay has associations.
public struct DataChannelHandler: WorkerHandler {
    public typealias Command = DataChannelCommand

    /// How often usrsctp's timers run (it exposes no next deadline).
    static var tickNanoseconds: Int64 { 10_000_000 }
    /// Connection notices kept for associations not attached yet (a notice may overtake the
    /// attach command, which travels on another queue).
    static var earlyNoticeLimit: Int { 4096 }

    private var relay = DataChannelRelay()
    private let mesh: WorkerMesh
    private var workerOfAssociation: [UInt64: Int] = [:]
    private var connectedEarly: Set<UInt64> = []
    private var tick: TimerHandle?
    private var targets: Set<Int> = []
    private let logger: Logger
    /// SCTP packets not delivered (pool empty, ring full, association unknown).
    public private(set) var packetDrops: UInt64 = 0

    public init(mesh: WorkerMesh, logger: Logger) {
        self.mesh = mesh
        self.logger = logger
    }

    public mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext) {}

    public mutating func handleCommand(_ command: DataChannelCommand, context: inout WorkerContext) {
        switch command {
        case .attach(let attachment):
            attach(attachment, context: &context)
        case .detach(let association):
            relay.detach(association)
            workerOfAssociation[association] = nil
            connectedEarly.remove(association)
        case .openedChannels(let association, let reply):
            reply.succeed(relay.openedChannels(of: association).map(DataChannelDescription.init))
        case .statistics(let association, let reply):
            reply.succeed(relay.channels(of: association).map(DataChannelStatistics.init))
        case .threadSnapshot(let reply):
            reply.succeed(DataChannelThreadSnapshot(
                associations: relay.associationCount, packetDrops: packetDrops, bufferPool: context.pool.usage,
                relay: relay.counters, protocolDrops: relay.protocolDrops))
        }
        transmit(context: &context)
    }

    public mutating func handleWake(context: inout WorkerContext) {
        let node = context.workerIndex
        mesh.drain(into: node) { message, sender in
            switch message.kind {
            case MeshMessageKind.sctpPacket:
                if workerOfAssociation[message.tag] != nil {
                    relay.handlePacket(message.tag, UnsafeRawBufferPointer(mesh.bytes(of: message, from: sender)))
                } else {
                    packetDrops &+= 1
                }
            case MeshMessageKind.dataTransportConnected:
                if workerOfAssociation[message.tag] != nil {
                    relay.connect(message.tag)
                } else if connectedEarly.count < Self.earlyNoticeLimit {
                    connectedEarly.insert(message.tag)
                }
            default:
                break
            }
            mesh.release(message, from: sender, at: node)
        }
        transmit(context: &context)
    }

    public mutating func handleTimer(_ token: UInt64, context: inout WorkerContext) {
        tick = nil
        relay.handleTimers(now: context.now)
        transmit(context: &context)
    }

    public mutating func handleStop(context: inout WorkerContext) {
        for association in Array(workerOfAssociation.keys) { relay.detach(association) }
        workerOfAssociation = [:]
    }

    private mutating func attach(_ attachment: DataChannelAttachment, context: inout WorkerContext) {
        let association = attachment.association
        do {
            try relay.attach(association, peer: attachment.peer, isDTLSClient: attachment.isDTLSClient,
                             remotePort: attachment.transport.remotePort,
                             remoteMaxMessageSize: attachment.transport.remoteMaxMessageSize)
        } catch {
            logger.warning("data channels unavailable", metadata: ["peer": "\(attachment.peer)", "error": "\(error)"])
            return
        }
        workerOfAssociation[association] = attachment.worker
        if connectedEarly.remove(association) != nil { relay.connect(association) }
    }

    /// Sends what the relay queued to the workers that own the transports, wakes them, and
    /// keeps the timer tick running while associations exist.
    private mutating func transmit(context: inout WorkerContext) {
        let node = context.workerIndex
        while let (association, packet) = relay.pollTransmit() {
            guard let worker = workerOfAssociation[association], let buffer = context.pool.acquire() else {
                packetDrops &+= 1
                continue
            }
            let bytes = context.pool.bytes(of: buffer)
            guard packet.count <= bytes.count else {
                context.pool.release(buffer)
                packetDrops &+= 1
                continue
            }
            packet.withUnsafeBytes { bytes.copyMemory(from: $0) }
            let message = MeshMessage(kind: MeshMessageKind.sctpPacket, slot: buffer, length: UInt32(packet.count), tag: association)
            if mesh.send(message, from: node, to: worker) {
                targets.insert(worker)
            } else {
                context.pool.release(buffer)
                packetDrops &+= 1
            }
        }
        for worker in targets { mesh.wake(worker) }
        targets.removeAll(keepingCapacity: true)
        if relay.associationCount > 0, tick == nil {
            tick = context.timers.schedule(at: context.now &+ Self.tickNanoseconds, token: 0)
        }
    }
}
