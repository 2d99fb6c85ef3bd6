import RTCWire
import SFUCore
import Worker

/// The kinds of `MeshMessage` media workers exchange.
enum MeshMessageKind {
    /// A decrypted RTP packet of producer `tag`, in the sender's slot.
    static let packet: UInt8 = 1
    /// A subscriber on the sender's worker needs a key frame of producer `tag`.
    static let keyFrameRequest: UInt8 = 2
    /// An SCTP packet of data-channel association `tag`, in the sender's slot: from a media
    /// worker, what the peer sent (DTLS application data); from the data-channel thread, what
    /// to send to the peer.
    static let sctpPacket: UInt8 = 3
    /// Media worker → data-channel thread: association `tag`'s transport has DTLS up, so SCTP
    /// may start.
    static let dataTransportConnected: UInt8 = 4
    /// The publisher of producer `tag` sent a sender report: `extra` holds the media SSRC (high
    /// 32 bits) and the report's RTP timestamp (low 32 bits), `length` the low 32 bits of the
    /// arrival time in microseconds (so the receiver can date it on the shared monotonic clock).
    static let sourceClock: UInt8 = 5
}

// The forwarding core on one worker: fan-out of a producer's packets to local consumers and
// other workers, delivery to a consumer (copy, rewrite, protect, queue), and key-frame requests.
// Nothing here allocates: the tables change only on commands, packets live in pool slots.
extension MediaWorkerHandler {
    /// The SSRC the server writes as the sender of its own RTCP feedback.
    static var feedbackSenderSSRC: SSRC { SSRC(1) }
    /// The least time between two key-frame requests of one consumer (the producer's own
    /// throttle then merges the requests of all its consumers).
    static var consumerKeyFrameRequestInterval: Int64 { FanoutTable.keyFrameRequestInterval }
    /// Distinct consumers one subscriber's compound RTCP packet may ask key frames for (more are
    /// counted as dropped requests).
    static var keyFrameRequestsPerCompound: Int { 32 }

    /// Forwards the decrypted packet in entry `index` of `batch` (its first `length` bytes) to
    /// the consumers of `producer` here and on other workers.
    mutating func forward(_ producer: ProducerID, batch: inout ReceivedBatch, index: Int, length: Int, context: inout WorkerContext) {
        let bytes = UnsafeRawBufferPointer(rebasing: batch.bytes(at: index)[..<length])
        if bytes.count >= 12 {
            let ssrc = UInt32(bytes[8]) << 24 | UInt32(bytes[9]) << 16 | UInt32(bytes[10]) << 8 | UInt32(bytes[11])
            fanout.noteMediaSSRC(SSRC(ssrc), of: producer)
        }
        for consumer in fanout.consumers(of: producer) {
            deliver(bytes, to: consumer, context: &context)
        }
        guard let mesh, let remoteWorkers = fanout.producer(producer)?.remoteWorkers, !remoteWorkers.isEmpty,
              let slot = batch.take(at: index)
        else { return }
        let message = MeshMessage(kind: MeshMessageKind.packet, slot: slot, length: UInt32(length), tag: producer.rawValue)
        for worker in remoteWorkers {
            context.pool.retain(slot)
            if mesh.send(message, from: context.workerIndex, to: worker) {
                markMeshTarget(worker)
            } else {
                context.pool.release(slot)
                counters.meshDrops &+= 1
            }
        }
        context.pool.release(slot)
    }

    /// Takes what other workers sent: packets for local consumers, key-frame requests for
    /// local producers.
    mutating func receiveFromMesh(context: inout WorkerContext) {
        guard let mesh else { return }
        let worker = context.workerIndex
        _ = mesh.drain(into: worker) { message, sender in
            let producer = ProducerID(rawValue: message.tag)
            switch message.kind {
            case MeshMessageKind.packet:
                counters.meshReceived &+= 1
                let bytes = UnsafeRawBufferPointer(mesh.bytes(of: message, from: sender))
                for consumer in fanout.consumers(of: producer) {
                    deliver(bytes, to: consumer, context: &context)
                }
                mesh.release(message, from: sender, at: worker)
            case MeshMessageKind.keyFrameRequest:
                sendKeyFrameRequest(for: producer, context: &context)
            case MeshMessageKind.sourceClock:
                fanout.setSourceClock(Self.sourceClock(of: message, now: context.now), of: producer)
            case MeshMessageKind.sctpPacket:
                sendSCTPPacket(UnsafeRawBufferPointer(mesh.bytes(of: message, from: sender)), association: message.tag,
                               context: &context)
                mesh.release(message, from: sender, at: worker)
            default:
                mesh.release(message, from: sender, at: worker)
            }
        }
    }

    /// Copies `packet` into a slot of this worker, rewrites it for `consumer`, protects it with
    /// the subscriber's keys and queues it; asks for a key frame while the consumer waits for one.
    private mutating func deliver(_ packet: UnsafeRawBufferPointer, to consumer: Int, context: inout WorkerContext) {
        guard let transportSlot = fanout.withConsumer(consumer, { $0.transportSlot }), table.isReadyToSend(transportSlot) else {
            counters.consumerDrops &+= 1
            return
        }
        guard let slot = context.pool.acquire() else {
            counters.poolExhausted &+= 1
            return
        }
        let buffer = context.pool.bytes(of: slot)
        guard packet.count <= buffer.count, case .success(let rtp) = RTPPacket.parse(copy(packet, into: buffer)) else {
            context.pool.release(slot)
            counters.consumerDrops &+= 1
            return
        }
        let now = context.now
        let outcome = fanout.withConsumer(consumer) { $0.rewriter.rewrite(rtp, now: now) }
        if outcome == .forward, let transmit = table.protectRTP(transportSlot, buffer, length: packet.count) {
            counters.packetsForwarded &+= 1
            counters.bytesForwarded &+= UInt64(transmit.byteCount)
            context.transmitter.send(slot, length: transmit.byteCount, to: transmit.destination, via: transmit.socketIndex)
        } else {
            context.pool.release(slot)
            counters.consumerDrops &+= 1
        }
        requestKeyFrameIfWaiting(consumer, context: &context)
    }

    /// Asks the producer's worker for a key frame when `consumer` waits for one, its subscriber
    /// can receive it, and it has not asked lately.
    mutating func requestKeyFrameIfWaiting(_ consumer: Int, context: inout WorkerContext) {
        guard let transportSlot = fanout.withConsumer(consumer, { $0.transportSlot }), table.isReadyToSend(transportSlot) else { return }
        let now = context.now
        let due = fanout.withConsumer(consumer) { consumer -> Bool in
            guard consumer.rewriter.needsKeyFrame,
                  consumer.lastKeyFrameRequest == 0 || now &- consumer.lastKeyFrameRequest >= Self.consumerKeyFrameRequestInterval
            else { return false }
            consumer.lastKeyFrameRequest = now
            return true
        }
        guard due == true, let target = fanout.consumers[consumer] else { return }
        requestKeyFrame(for: target.producer, on: target.producerWorker, context: &context)
    }

    /// Asks the worker that hosts `producer` (maybe this one) to send its publisher a PLI.
    mutating func requestKeyFrame(for producer: ProducerID, on worker: Int, context: inout WorkerContext) {
        if worker == context.workerIndex {
            sendKeyFrameRequest(for: producer, context: &context)
        } else if let mesh {
            if mesh.send(MeshMessage(kind: MeshMessageKind.keyFrameRequest, tag: producer.rawValue), from: context.workerIndex, to: worker) {
                markMeshTarget(worker)
            } else {
                counters.meshDrops &+= 1
            }
        }
    }

    /// Asks for key frames for every consumer of the subscribe transport in `transportSlot`
    /// that waits for one (it was just created, resumed, or its transport just connected).
    mutating func requestKeyFramesForWaitingConsumers(transportSlot: Int, context: inout WorkerContext) {
        for consumer in fanout.consumers(ofTransport: transportSlot) {
            requestKeyFrameIfWaiting(consumer, context: &context)
        }
    }

    /// Sends the publisher of `producer` (hosted here) a PLI, at most once per the producer's
    /// throttle interval.
    private mutating func sendKeyFrameRequest(for producer: ProducerID, context: inout WorkerContext) {
        guard let hosted = fanout.producer(producer), let mediaSSRC = hosted.mediaSSRC,
              fanout.mayRequestKeyFrame(producer, now: context.now), let slot = context.pool.acquire()
        else { return }
        let buffer = context.pool.bytes(of: slot)
        guard let length = PictureLossIndication.write(into: buffer, senderSSRC: Self.feedbackSenderSSRC, mediaSSRC: mediaSSRC),
              let transmit = table.protectRTCP(hosted.transportSlot, buffer, length: length)
        else {
            context.pool.release(slot)
            return
        }
        counters.keyFrameRequestsSent &+= 1
        context.transmitter.send(slot, length: transmit.byteCount, to: transmit.destination, via: transmit.socketIndex)
    }

    /// Reads a transport's decrypted RTCP. A publisher's sender reports about a producer's
    /// stream date its RTP clock for the producer's consumers, here and on other workers. On a
    /// subscriber's: a PLI or FIR for one of its consumers becomes a key-frame request to that
    /// consumer's producer; NACKs, reports and malformed packets are counted, per consumer too
    /// (retransmission is not served yet).
    mutating func handleFeedback(_ compound: UnsafeRawBufferPointer, transportSlot: Int, context: inout WorkerContext) {
        shareSourceClocks(compound, transportSlot: transportSlot, context: &context)
        fanout.recordFeedback(compound, transportSlot: transportSlot, now: context.now)
        guard let router = fanout.feedbackRouter(transportSlot: transportSlot) else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.keyFrameRequestsPerCompound) { requests in
            let routing = router.route(compound, keyFrameRequests: requests)
            counters.feedback.add(routing.counts)
            for index in requests.prefix(routing.keyFrameRequestCount) {
                guard let consumer = fanout.consumers[Int(index)] else { continue }
                requestKeyFrame(for: consumer.producer, on: consumer.producerWorker, context: &context)
            }
        }
    }

    /// Hands the clock reference of each sender report in a publisher's `compound` to the
    /// consumers of the producer whose stream it is about: this worker's directly, the other
    /// workers' as a `sourceClock` mesh message.
    private mutating func shareSourceClocks(_ compound: UnsafeRawBufferPointer, transportSlot: Int, context: inout WorkerContext) {
        for result in RTCPCompoundPacket(compound) {
            guard case .success(let packet) = result else { return }
            guard case .senderReport(let report) = packet,
                  let producer = fanout.producer(transportSlot: transportSlot, mediaSSRC: report.senderSSRC)
            else { continue }
            let clock = SourceClockReference(ssrc: report.senderSSRC, rtpTimestamp: report.rtpTimestamp, receivedAt: context.now)
            fanout.setSourceClock(clock, of: producer)
            guard let mesh, let remoteWorkers = fanout.producer(producer)?.remoteWorkers else { continue }
            let message = MeshMessage(
                kind: MeshMessageKind.sourceClock, length: UInt32(truncatingIfNeeded: context.now / 1000), tag: producer.rawValue,
                extra: UInt64(report.senderSSRC.rawValue) << 32 | UInt64(report.rtpTimestamp))
            for worker in remoteWorkers {
                if mesh.send(message, from: context.workerIndex, to: worker) {
                    markMeshTarget(worker)
                } else {
                    counters.meshDrops &+= 1
                }
            }
        }
    }

    /// The clock reference a `sourceClock` message carries, dated on this worker's clock at
    /// `now` (the message is less than 2^32 µs old).
    static func sourceClock(of message: MeshMessage, now: Int64) -> SourceClockReference {
        let age = Int64(UInt32(truncatingIfNeeded: now / 1000) &- message.length) * 1000
        return SourceClockReference(ssrc: SSRC(UInt32(truncatingIfNeeded: message.extra >> 32)),
                                    rtpTimestamp: UInt32(truncatingIfNeeded: message.extra), receivedAt: now - age)
    }

    /// Wakes every worker sent a message since the last call.
    mutating func wakeMeshTargets() {
        guard let mesh, meshTargets != 0 else { return }
        var targets = meshTargets
        meshTargets = 0
        while targets != 0 {
            let worker = targets.trailingZeroBitCount
            targets &= targets &- 1
            mesh.wake(worker)
        }
    }

    /// Remembers to wake `worker` after the batch (workers past the bitmask are woken at once).
    mutating func markMeshTarget(_ worker: Int) {
        if worker < UInt64.bitWidth {
            meshTargets |= 1 << UInt64(worker)
        } else {
            mesh?.wake(worker)
        }
    }

    /// Copies `packet` to the start of `buffer` and returns that part of `buffer`.
    private func copy(_ packet: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutableRawBufferPointer {
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[..<packet.count])
        target.copyMemory(from: packet)
        return target
    }
}
