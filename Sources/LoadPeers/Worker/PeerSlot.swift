import ICE
import LoadDataChannels
import LoadModel
import RTCWire
import Worker

/// One started transport on a worker, on its own socket: the `ClientTransport`, its milestones,
/// the streams it publishes and the probe streams it receives.
///
/// After every input to the transport the worker calls `service`: datagrams go out through the
/// worker's transmitter (one pool slot each), events move the milestones, and the transport's
/// one timer is moved to its new deadline (token = socket index).
///
/// Invariants: `outgoing` is empty for a receiving transport; its streams start only once the
/// transport connected (and never after the pool stopped sending); at most one timer is
/// scheduled for the slot, recorded in `timer`.
struct PeerSlot {
    let number: Int
    let socketIndex: Int
    private(set) var transport: ClientTransport
    private(set) var progress: TransportProgress
    private(set) var outgoing: [OutgoingMediaStream]
    private(set) var receptions = ProbeReceptions()
    /// The transport's data channels (SCTP over its DTLS), when its plan has them; only on
    /// worker thread 0, the one thread that calls usrsctp.
    var dataChannel: DataChannelLoadPeer?
    private var timer: (deadline: Int64, handle: TimerHandle)?

    init(number: Int, socketIndex: Int, transport: ClientTransport, outgoing: [OutgoingMediaStream],
         dataChannel: DataChannelLoadPeer?, startedAt: Int64) {
        self.number = number
        self.socketIndex = socketIndex
        self.transport = transport
        self.outgoing = outgoing
        self.dataChannel = dataChannel
        progress = TransportProgress(transport: number, phase: .connecting, startedAt: startedAt)
    }

    var isConnected: Bool { progress.phase == .connected }

    // MARK: Input

    /// Hands one received datagram to the transport and measures what it decrypted.
    mutating func handleDatagram(
        _ bytes: UnsafeMutableRawBufferPointer, from source: STUNTransportAddress, now: Int64, receivedAt: Int64,
        delays: inout DelayHistogram, traffic: inout TrafficCounters
    ) {
        let wireBytes = UInt64(bytes.count)
        switch transport.handleDatagram(bytes, from: source, now: Timestamp(nanoseconds: now)) {
        case .consumed:
            break
        case .rtp(let length):
            traffic.rtpPacketsReceived &+= 1
            traffic.rtpBytesReceived &+= wireBytes
            let packet = UnsafeRawBufferPointer(rebasing: bytes[..<length])
            if receptions.record(rtpPacket: packet, receivedAt: receivedAt, delays: &delays) {
                if progress.firstMediaReceivedAt == nil { progress.firstMediaReceivedAt = receivedAt }
            } else {
                traffic.packetsWithoutProbe &+= 1
            }
        case .rtcp(let length):
            traffic.rtcpPacketsReceived &+= 1
            handleFeedback(UnsafeRawBufferPointer(rebasing: bytes[..<length]), traffic: &traffic)
        case .srtpFailed:
            traffic.srtpFailures &+= 1
        case .dropped:
            traffic.droppedDatagrams &+= 1
        }
    }

    /// PLI and FIR ask the named video stream for a key frame; NACKs are counted.
    private mutating func handleFeedback(_ bytes: UnsafeRawBufferPointer, traffic: inout TrafficCounters) {
        var requests = PublisherFeedback.Requests(bytes)
        while let request = requests.next() {
            switch request {
            case .keyFrame(let ssrc):
                traffic.keyFrameRequestsReceived &+= 1
                for index in outgoing.indices where outgoing[index].stream.ssrc == ssrc {
                    outgoing[index].requestKeyFrame()
                }
            case .nack:
                traffic.nacksReceived &+= 1
            }
        }
    }

    /// DTLS application data: the SCTP packets of the transport's data channels (dropped and
    /// counted when the transport has none).
    private mutating func handleApplicationData(_ packet: [UInt8], now: Int64, traffic: inout TrafficCounters) {
        guard dataChannel != nil else {
            traffic.droppedDatagrams &+= 1
            return
        }
        packet.withUnsafeBytes { dataChannel!.handleSCTPPacket($0, now: now) }
        flushDataChannel()
    }

    /// Runs the data channels' tick (due messages, usrsctp's output) and hands what they
    /// produced to DTLS; the caller then services the slot.
    mutating func tickDataChannel(now: Int64) {
        guard dataChannel != nil else { return }
        dataChannel!.handleTick(now: now)
        flushDataChannel()
    }

    /// Moves the data channels' SCTP packets into DTLS records (sent by the next `service`).
    private mutating func flushDataChannel() {
        while let packet = dataChannel?.pollSCTPPacket() {
            _ = packet.withUnsafeBytes { transport.sendApplicationData($0) }
        }
    }

    /// Runs the transport's expired timers.
    mutating func handleTimeout(now: Int64) {
        timer = nil
        transport.handleTimeout(now: Timestamp(nanoseconds: now))
    }

    /// Closes the transport (DTLS close_notify goes out with the next `service`).
    mutating func close() {
        transport.close()
    }

    // MARK: Output

    /// Sends what the transport queued, takes its events, and re-arms its timer. Returns true
    /// when the transport just connected and has streams to send, which start at `now` unless
    /// `mayStartSending` is false.
    mutating func service(context: inout WorkerContext, traffic: inout TrafficCounters, mayStartSending: Bool) -> Bool {
        var startsSending = false
        while let event = transport.pollEvent() {
            switch event {
            case .connected:
                progress.phase = .connected
                progress.connectedAt = context.now
                if dataChannel != nil {
                    dataChannel!.start(now: context.now)
                    if !mayStartSending { dataChannel!.stopSending() }
                    flushDataChannel()
                }
                if mayStartSending, !outgoing.isEmpty {
                    for index in outgoing.indices { outgoing[index].start(now: context.now) }
                    startsSending = true
                }
            case .failed(let reason):
                progress.phase = .failed(reason)
            case .closed:
                progress.phase = .closed
            case .applicationData(let packet):
                handleApplicationData(packet, now: context.now, traffic: &traffic)
            }
        }
        // After the events: what the data channels answered to them is in DTLS by now.
        while let buffer = context.pool.acquire() {
            guard let transmit = transport.pollTransmit(into: context.pool.bytes(of: buffer)) else {
                context.pool.release(buffer)
                break
            }
            context.transmitter.send(buffer, length: transmit.byteCount, to: transmit.destination, via: socketIndex)
        }
        rearmTimer(context: &context)
        return startsSending
    }

    /// Sends every packet of every stream that is due at `now`; returns the earliest next due
    /// time of its streams.
    mutating func sendDue(now: Int64, sentAt: Int64, context: inout WorkerContext, traffic: inout TrafficCounters) -> Int64 {
        guard isConnected else { return .max }
        var next = Int64.max
        for index in outgoing.indices {
            if outgoing[index].sendDue(now: now, sentAt: sentAt, transport: transport, socketIndex: socketIndex,
                                       context: &context, traffic: &traffic) > 0, progress.firstMediaSentAt == nil {
                progress.firstMediaSentAt = sentAt
            }
            next = min(next, outgoing[index].nextDueAt)
        }
        return next
    }

    /// Cancels the slot's timer.
    mutating func cancelTimer(context: inout WorkerContext) {
        if let timer { _ = context.timers.cancel(timer.handle) }
        timer = nil
    }

    private mutating func rearmTimer(context: inout WorkerContext) {
        let deadline = transport.pollTimeout()?.nanoseconds
        if let current = timer {
            guard current.deadline != deadline else { return }
            _ = context.timers.cancel(current.handle)
            timer = nil
        }
        if let deadline {
            timer = (deadline, context.timers.schedule(at: deadline, token: UInt64(socketIndex)))
        }
    }

    // MARK: Reports

    var senders: [SenderRecord] { outgoing.map(\.record) + (dataChannel?.sender.map { [$0] } ?? []) }
}
