public import DTLS
import ICE
public import Logging
public import RTCWire
public import SFUCore
import ServerLogging
public import Worker

/// The code each media worker runs: a `TransportTable` of the transports that live on this
/// worker and a `FanoutTable` of the producers and consumers they carry, fed by the worker's
/// sockets, its timer wheel, its commands and the other workers (the `WorkerMesh`).
///
/// Forwarding (see `MediaWorkerHandler+Forwarding.swift`): a packet a publish transport
/// decrypted goes to this worker's consumers of its producer, and to the other workers with
/// consumers of it through the mesh, sharing the received slot.
///
/// After every input to a transport the handler drains it: datagrams go out through the
/// worker's `Transmitter` (one pool slot each), events are logged, a transport whose DTLS
/// connected (so ICE did too) is reported to `transportConnected`, a closed transport is
/// removed (one that closed itself because ICE failed is reported to `transportEnded` with its
/// last snapshot, so the pool learns of it), and the transport's one timer is moved to its new
/// deadline (timer token = slot).
///
/// Invariants: `keyOfSlot[s]` names the transport in slot `s` and `slots[key]` the reverse;
/// each occupied slot has at most one scheduled timer, recorded in `timerOfSlot`.
public struct MediaWorkerHandler: WorkerHandler {
    public typealias Command = MediaCommand

    var table = TransportTable()
    var fanout = FanoutTable()
    let mesh: WorkerMesh?
    /// Workers sent mesh messages since the last wake-up calls (bit k: worker k).
    var meshTargets: UInt64 = 0
    var counters = WorkerForwardingCounters()
    /// The pending sender-report tick (see `MediaWorkerHandler+SenderReports.swift`).
    var senderReportTimer: TimerHandle?
    /// The mesh node of the data-channel thread (nil: data channels are not served).
    let dataChannelNode: Int?
    /// The data-channel association of the transport in each slot, and the reverse.
    var associationOfSlot: [UInt64?] = []
    var slotOfAssociation: [UInt64: Int] = [:]
    var slots: [TransportKey: Int] = [:]
    var keyOfSlot: [TransportKey?] = []
    private var timerOfSlot: [(deadline: Int64, handle: TimerHandle)?] = []
    private let dtlsContext: DTLSContext
    private let logger: Logger
    private let transportConnected: @Sendable (TransportKey, STUNTransportAddress?) -> Void
    private let transportEnded: @Sendable (TransportKey, PeerTransportSnapshot) -> Void

    /// A handler whose transports use `dtlsContext`; on the worker thread, `transportConnected`
    /// is called when a transport's ICE and DTLS are connected (with its selected pair's remote
    /// address), and `transportEnded` when a
    /// transport closes itself (ICE failed), with its last snapshot. `dataChannelNode` is the
    /// data-channel thread's index on `mesh` (nil: SCTP packets are dropped and counted).
    public init(dtlsContext: DTLSContext, mesh: WorkerMesh?, dataChannelNode: Int? = nil, logger: Logger,
                transportConnected: @escaping @Sendable (TransportKey, STUNTransportAddress?) -> Void,
                transportEnded: @escaping @Sendable (TransportKey, PeerTransportSnapshot) -> Void) {
        self.dtlsContext = dtlsContext
        self.mesh = mesh
        self.dataChannelNode = dataChannelNode
        self.logger = logger
        self.transportConnected = transportConnected
        self.transportEnded = transportEnded
    }

    public mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext) {
        let now = Timestamp(nanoseconds: context.now)
        for index in 0..<batch.count {
            let bytes = batch.bytes(at: index)
            guard !bytes.isEmpty,
                  let routed = table.handleDatagram(bytes, from: batch.source(at: index), via: batch.socketIndex, now: now)
            else { continue }
            switch routed.input {
            case .rtp(let section, let length, let isRetransmission):
                if !isRetransmission, let producer = fanout.producer(transportSlot: routed.slot, section: section) {
                    forward(producer, batch: &batch, index: index, length: length, context: &context)
                }
            case .rtcp(let length):
                handleFeedback(UnsafeRawBufferPointer(rebasing: bytes[..<length]), transportSlot: routed.slot, context: &context)
            case .consumed:
                break
            }
            service(routed.slot, context: &context)
        }
        wakeMeshTargets()
    }

    public mutating func handleWake(context: inout WorkerContext) {
        receiveFromMesh(context: &context)
        wakeMeshTargets()
    }

    public mutating func handleTimer(_ token: UInt64, context: inout WorkerContext) {
        if token == Self.senderReportTimerToken {
            sendSenderReports(context: &context)
            return
        }
        let slot = Int(truncatingIfNeeded: token)
        guard timerOfSlot.indices.contains(slot) else { return }
        timerOfSlot[slot] = nil
        table.handleTimeout(slot, now: Timestamp(nanoseconds: context.now))
        service(slot, context: &context)
        wakeMeshTargets()
    }

    public mutating func handleCommand(_ command: MediaCommand, context: inout WorkerContext) {
        switch command {
        case .open(let key, let credentials, let reply):
            reply.succeed(open(key, credentials, context: &context))
        case .apply(let key, let application, let reply):
            guard let slot = slots[key] else {
                reply.succeed(.closed)
                return
            }
            do {
                try table.apply(slot, remote: application.remote, media: application.media, dtlsRole: application.dtlsRole,
                                now: Timestamp(nanoseconds: context.now))
                if key.role == .publish { fanout.setProducers(application.producers, transportSlot: slot) }
                setDataAssociation(application.dataAssociation, slot: slot, context: &context)
                reply.succeed(nil)
            } catch {
                reply.succeed(error)
            }
            service(slot, context: &context)
        case .setConsumers(let key, let specs):
            guard let slot = slots[key] else { return }
            fanout.setConsumers(specs, transportSlot: slot)
            armSenderReportTimer(context: &context)
            requestKeyFramesForWaitingConsumers(transportSlot: slot, context: &context)
            wakeMeshTargets()
        case .setRemoteWorkers(let producer, let workers):
            fanout.setRemoteWorkers(workers, of: producer)
        case .close(let key):
            guard let slot = slots[key] else { return }
            table.close(slot)
            service(slot, context: &context)
        case .snapshot(let key, let reply):
            let now = Timestamp(nanoseconds: context.now)
            reply.succeed(slots[key].flatMap { transportSnapshot(slot: $0, now: now) })
        case .workerSnapshot(let reply):
            reply.succeed(workerSnapshot(context: context))
        case .shutDown(let reply):
            reply.succeed(shutDownTransports(context: &context))
        }
    }

    public mutating func handleStop(context: inout WorkerContext) {
        for slot in slots.values {
            table.close(slot)
            service(slot, context: &context)
        }
    }

    private mutating func open(_ key: TransportKey, _ credentials: ICECredentials, context: inout WorkerContext) -> Bool {
        guard slots[key] == nil,
              let slot = table.insert(PeerTransport(localCredentials: credentials, dtlsContext: dtlsContext,
                                                    now: Timestamp(nanoseconds: context.now)))
        else { return false }
        slots[key] = slot
        while keyOfSlot.count <= slot {
            keyOfSlot.append(nil)
            timerOfSlot.append(nil)
            associationOfSlot.append(nil)
        }
        keyOfSlot[slot] = key
        service(slot, context: &context)
        logger.debug(
            "transport opened",
            metadata: [
                "transport": "\(key)", "worker": "\(context.workerIndex)",
                "ufrag": "\(LogRedaction.credential(credentials.usernameFragment))",
            ])
        return true
    }

    /// Sends what the transport in `slot` has queued, logs its events, removes it once closed,
    /// and re-arms its timer.
    mutating func service(_ slot: Int, context: inout WorkerContext) {
        while let buffer = context.pool.acquire() {
            guard let transmit = table.pollTransmit(slot, into: context.pool.bytes(of: buffer)) else {
                context.pool.release(buffer)
                break
            }
            context.transmitter.send(buffer, length: transmit.byteCount, to: transmit.destination, via: transmit.socketIndex)
        }
        var closed = false
        while let event = table.pollEvent(slot) {
            log(event, slot: slot)
            switch event {
            case .closed: closed = true
            case .dtlsConnected:
                if let key = keyOfSlot[slot] { transportConnected(key, table.transport(at: slot)?.ice.selectedPair?.remote) }
                requestKeyFramesForWaitingConsumers(transportSlot: slot, context: &context)
                notifyDataTransportConnected(slot: slot, context: &context)
            case .applicationData(let packet):
                forwardSCTPPacket(packet, slot: slot, context: &context)
            default: break
            }
        }
        if closed {
            remove(slot, context: &context)
        } else {
            rearmTimer(slot, context: &context)
        }
    }

    private mutating func rearmTimer(_ slot: Int, context: inout WorkerContext) {
        let deadline = table.pollTimeout(slot)?.nanoseconds
        if let current = timerOfSlot[slot] {
            guard current.deadline != deadline else { return }
            _ = context.timers.cancel(current.handle)
            timerOfSlot[slot] = nil
        }
        if let deadline {
            timerOfSlot[slot] = (deadline, context.timers.schedule(at: deadline, token: UInt64(slot)))
        }
    }

    private mutating func remove(_ slot: Int, context: inout WorkerContext) {
        if let timer = timerOfSlot[slot] { _ = context.timers.cancel(timer.handle) }
        timerOfSlot[slot] = nil
        let key = keyOfSlot[slot]
        if let key {
            slots[key] = nil
            logger.debug("transport removed", metadata: ["transport": "\(key)"])
        }
        keyOfSlot[slot] = nil
        clearDataAssociation(slot: slot)
        fanout.removeTransport(slot)
        guard let transport = table.remove(slot), let key else { return }
        if transport.ice.state == .failed {
            transportEnded(key, transport.snapshot(at: Timestamp(nanoseconds: context.now)))
        }
    }

    /// Logs a transport's event: a DTLS failure at `warning`, the rest at `debug` (the control
    /// plane logs each state change at `info`); the selected pair's remote address goes through
    /// `LogRedaction`.
    private func log(_ event: PeerTransportEvent, slot: Int) {
        let transport = keyOfSlot[slot].map { "\($0)" } ?? "slot \(slot)"
        switch event {
        case .applicationData:
            return  // One per SCTP packet: not worth a line.
        case .dtlsFailed:
            logger.warning("transport event", metadata: ["transport": "\(transport)", "event": "\(event)"])
        case .selectedPairChanged(let pair):
            logger.debug(
                "transport event",
                metadata: [
                    "transport": "\(transport)", "event": "selected pair",
                    "interface": "\(pair.localInterface.rawValue)", "remote": "\(LogRedaction.address(pair.remote))",
                ])
        default:
            logger.debug("transport event", metadata: ["transport": "\(transport)", "event": "\(event)"])
        }
    }
}
