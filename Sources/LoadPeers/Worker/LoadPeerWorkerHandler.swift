import DTLS
import ICE
import LoadDataChannels
import LoadModel
import RTCWire
import Worker

/// The code each of the harness's worker threads runs: the `PeerSlot`s of the transports that
/// live on its sockets (socket k holds at most one transport, in `slots[k]`), the media tick
/// that sends what the publishers' sources have due, and the worker's measurements.
///
/// Timers: token k < socket count is slot k's transport timer; `mediaTickToken` is the media
/// tick, armed for the earliest due packet of all sending slots while any sends;
/// `dataTickToken` runs usrsctp's timers and the data channels every
/// `DataChannelLoadStack.timerTickNanoseconds` while a slot has data channels (thread 0 only).
///
/// Invariants: `sending` lists exactly the connected slots that publish, until `stopSending`
/// empties it for good; every slot's timer is cancelled when it closes; datagrams on a socket
/// without a started transport are dropped and counted; no allocation per packet on the send
/// and receive paths (a reception is added only when a new probe stream appears).
struct LoadPeerWorkerHandler: WorkerHandler {
    typealias Command = LoadPeerCommand

    static let mediaTickToken = UInt64.max
    static let dataTickToken = UInt64.max - 1

    private var slots: [PeerSlot?]
    /// Transports whose start failed before they had a slot (OpenSSL refused the endpoint).
    private var failedStarts: [TransportProgress] = []
    private var sending: [Int] = []
    private var mediaTick: (deadline: Int64, handle: TimerHandle)?
    private var sendingStopped = false
    private var traffic = TrafficCounters()
    private var mediaDelays = DelayHistogram()
    private var dataDelays = DelayHistogram()
    /// Slots with data channels (sockets), and whether usrsctp was started on this thread.
    private var dataSlots: [Int] = []
    private var dataStackStarted = false
    private let dtlsContext: DTLSContext
    private let connectTimeout: Duration
    private var random = SystemRandomNumberGenerator()

    init(socketCount: Int, dtlsContext: DTLSContext, connectTimeout: Duration) {
        slots = Array(repeating: nil, count: socketCount)
        sending.reserveCapacity(socketCount)
        self.dtlsContext = dtlsContext
        self.connectTimeout = connectTimeout
    }

    // MARK: WorkerHandler

    mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext) {
        let socket = batch.socketIndex
        guard slots.indices.contains(socket), slots[socket] != nil else {
            traffic.droppedDatagrams &+= UInt64(batch.count)
            return
        }
        // Read once per batch: what arrived was in the socket by now (context.now predates it).
        let receivedAt = MonotonicClock.now()
        for index in 0..<batch.count {
            let bytes = batch.bytes(at: index)
            guard !bytes.isEmpty else { continue }
            slots[socket]!.handleDatagram(bytes, from: batch.source(at: index), now: context.now, receivedAt: receivedAt,
                                          delays: &mediaDelays, traffic: &traffic)
        }
        service(socket, context: &context)
    }

    mutating func handleTimer(_ token: UInt64, context: inout WorkerContext) {
        if token == Self.mediaTickToken {
            mediaTick = nil
            sendDueMedia(context: &context)
            return
        }
        if token == Self.dataTickToken {
            tickDataChannels(context: &context)
            return
        }
        let socket = Int(truncatingIfNeeded: token)
        guard slots.indices.contains(socket), slots[socket] != nil else { return }
        slots[socket]!.handleTimeout(now: context.now)
        service(socket, context: &context)
    }

    mutating func handleCommand(_ command: LoadPeerCommand, context: inout WorkerContext) {
        switch command {
        case .start(let start):
            self.start(start, context: &context)
        case .stopSending(let reply):
            stopSending(context: &context)
            reply.succeed(true)
        case .snapshot(let reply):
            reply.succeed(snapshot())
        case .shutDown(let reply):
            closeAll(context: &context)
            reply.succeed(true)
        }
    }

    mutating func handleStop(context: inout WorkerContext) {
        closeAll(context: &context)
    }

    // MARK: Commands

    private mutating func start(_ start: TransportStart, context: inout WorkerContext) {
        guard slots.indices.contains(start.socketIndex), slots[start.socketIndex] == nil else { return }
        let transport: ClientTransport
        do {
            transport = try ClientTransport(
                localCredentials: start.credentials, remote: start.remote, dtlsContext: dtlsContext, connectTimeout: connectTimeout,
                tieBreaker: UInt64.random(in: .min ... .max, using: &random), now: Timestamp(nanoseconds: context.now))
        } catch {
            failedStarts.append(TransportProgress(transport: start.number, phase: .failed(error.description), startedAt: start.startedAt))
            return
        }
        var outgoing: [OutgoingMediaStream] = []
        if case .publish(let plan) = start.plan {
            for stream in plan.streams {
                let seed = UInt64(truncatingIfNeeded: start.number) << 32 | UInt64(stream.ssrc.rawValue)
                outgoing.append(OutgoingMediaStream(stream: stream, plan: plan, seed: seed))
            }
        }
        let dataChannel: DataChannelLoadPeer?
        do {
            dataChannel = try makeDataChannel(start, isDTLSClient: transport.dtlsRole == .client, context: &context)
        } catch {
            failedStarts.append(TransportProgress(transport: start.number, phase: .failed(error.description), startedAt: start.startedAt))
            return
        }
        slots[start.socketIndex] = PeerSlot(
            number: start.number, socketIndex: start.socketIndex, transport: transport, outgoing: outgoing,
            dataChannel: dataChannel, startedAt: start.startedAt)
        service(start.socketIndex, context: &context)
    }

    /// The transport's data channels when its plan has them; the first one starts usrsctp on
    /// this thread and the data tick.
    private mutating func makeDataChannel(
        _ start: TransportStart, isDTLSClient: Bool, context: inout WorkerContext
    ) throws(DataChannelLoadError) -> DataChannelLoadPeer? {
        let sends: DataChannelProfile?
        let stream: ProbeStreamID?
        switch start.plan {
        case .publish(let plan) where plan.dataChannel != nil:
            (sends, stream) = (plan.dataChannel, plan.dataChannelStream)
        case .receive(dataChannel: true):
            (sends, stream) = (nil, nil)
        default:
            return nil
        }
        if !dataStackStarted {
            try DataChannelLoadStack.start()
            dataStackStarted = true
            _ = context.timers.schedule(at: context.now + DataChannelLoadStack.timerTickNanoseconds, token: Self.dataTickToken)
        }
        let peer = try DataChannelLoadPeer(
            isDTLSClient: isDTLSClient, sends: sends, stream: stream, remoteMaxMessageSize: start.remote.maxMessageSize)
        dataSlots.append(start.socketIndex)
        return peer
    }

    /// usrsctp's timers, then every data channel's due messages; measured delays move to the
    /// worker's histogram. Re-arms itself.
    private mutating func tickDataChannels(context: inout WorkerContext) {
        DataChannelLoadStack.handleTimers(now: context.now)
        for socket in dataSlots where slots[socket] != nil {
            slots[socket]!.tickDataChannel(now: context.now)
            slots[socket]!.dataChannel?.takeDelays(into: &dataDelays)
            service(socket, context: &context)
        }
        _ = context.timers.schedule(at: context.now + DataChannelLoadStack.timerTickNanoseconds, token: Self.dataTickToken)
    }

    private mutating func stopSending(context: inout WorkerContext) {
        sendingStopped = true
        for socket in dataSlots where slots[socket] != nil { slots[socket]!.dataChannel?.stopSending() }
        sending.removeAll(keepingCapacity: true)
        if let mediaTick { _ = context.timers.cancel(mediaTick.handle) }
        mediaTick = nil
    }

    private mutating func closeAll(context: inout WorkerContext) {
        stopSending(context: &context)
        for socket in slots.indices where slots[socket] != nil {
            slots[socket]!.close()
            service(socket, context: &context)
            slots[socket]!.cancelTimer(context: &context)
        }
    }

    private func snapshot() -> LoadWorkerSnapshot {
        var result = LoadWorkerSnapshot(
            transports: failedStarts, traffic: traffic, senders: [], receptions: [], dataReceptions: [],
            mediaDelays: mediaDelays, dataDelays: dataDelays)
        for case let slot? in slots {
            result.transports.append(slot.progress)
            result.senders += slot.senders
            for reception in slot.receptions.streams {
                result.receptions.append(ReceptionRecord(transport: slot.number, reception: reception))
            }
            if let dataChannel = slot.dataChannel {
                result.traffic.add(dataChannel.traffic)
                for reception in dataChannel.receptions {
                    result.dataReceptions.append(ReceptionRecord(transport: slot.number, reception: reception))
                }
            }
        }
        return result
    }

    // MARK: Transports and media

    /// Services slot `socket` after an input; a slot that just connected with streams to send
    /// joins the media tick.
    private mutating func service(_ socket: Int, context: inout WorkerContext) {
        guard slots[socket]!.service(context: &context, traffic: &traffic, mayStartSending: !sendingStopped) else { return }
        sending.append(socket)
        armMediaTick(at: context.now, context: &context)
    }

    /// Sends every due packet of every sending slot, then re-arms the tick for the earliest next one.
    private mutating func sendDueMedia(context: inout WorkerContext) {
        guard !sendingStopped, !sending.isEmpty else { return }
        let sentAt = MonotonicClock.now()
        var next = Int64.max
        for socket in sending where slots[socket] != nil {
            next = min(next, slots[socket]!.sendDue(now: sentAt, sentAt: sentAt, context: &context, traffic: &traffic))
        }
        if next != .max { armMediaTick(at: next, context: &context) }
    }

    private mutating func armMediaTick(at deadline: Int64, context: inout WorkerContext) {
        if let current = mediaTick {
            guard deadline < current.deadline else { return }
            _ = context.timers.cancel(current.handle)
        }
        mediaTick = (deadline, context.timers.schedule(at: deadline, token: Self.mediaTickToken))
    }
}
