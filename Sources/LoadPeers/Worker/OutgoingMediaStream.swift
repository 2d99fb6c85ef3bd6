import LoadModel
import RTCWire
import Worker

/// One stream a publishing transport sends (an audio track, a video track or one simulcast
/// layer): its synthetic source, the RTP header it writes (one-byte `sdes:mid` and
/// `rtp-stream-id` extensions when the answer kept them), and its two sequences.
///
/// Every packet is RTP header + the source's payload with a `ProbeTrailer` in its last bytes,
/// protected in its pool slot and handed to the transmitter. An injected loss takes an RTP
/// sequence number (the server sees the gap) but no probe number; a packet that could not be
/// sent (no slot, SRTP refused) takes neither and is counted as a send failure.
///
/// Invariants: exactly one of `audio` and `video` is set, by `stream.kind`; `probeSequence` is
/// the number of probes really handed to the transmitter; sending allocates nothing.
struct OutgoingMediaStream {
    let stream: OutgoingStream
    private var audio: AudioSource?
    private var video: VideoSource?
    private var builder: RTPPacketBuilder
    private var loss: InjectedLoss?
    /// Bytes of the RTP header with its extension block.
    let headerLength: Int
    private(set) var probeSequence: UInt64 = 0
    private(set) var dropped: UInt64 = 0
    private(set) var isStarted = false

    init(stream: OutgoingStream, plan: PublishPlan, seed: UInt64) {
        self.stream = stream
        var builder = RTPPacketBuilder(
            payloadType: stream.payloadType, sequenceNumber: SequenceNumber(UInt16(truncatingIfNeeded: seed >> 16)),
            timestamp: 0, ssrc: stream.ssrc)
        if let id = plan.extensions.mid {
            builder.extensions.append(RTPHeaderExtensionValue(id: id, data: Array(stream.mid.value.utf8)))
        }
        if let id = plan.extensions.rid, let rid = stream.rid {
            builder.extensions.append(RTPHeaderExtensionValue(id: id, data: Array(rid.value.utf8)))
        }
        self.builder = builder
        headerLength = withUnsafeTemporaryAllocation(byteCount: 512, alignment: 4) { scratch in
            if case .success(let length) = builder.write(into: scratch) { return length }
            return 12
        }
        switch stream.kind {
        case .audio:
            audio = AudioSource(profile: plan.audio, clockRate: stream.clockRate, seed: seed)
        case .video:
            video = VideoSource(
                bitsPerSecond: stream.bitsPerSecond, framesPerSecond: plan.video.framesPerSecond,
                maximumPayloadBytes: max(ProbeTrailer.byteCount + 16, plan.video.maximumPacketBytes - headerLength),
                keyFrameIntervalSeconds: plan.video.keyFrameIntervalSeconds, seed: seed)
        }
        if plan.injectedLossRatio > 0 { loss = InjectedLoss(ratio: plan.injectedLossRatio, seed: seed ^ 0x5DEE_CE66_D1CE_4E5B) }
    }

    /// When the next packet (audio) or frame (video) is due, in monotonic nanoseconds.
    var nextDueAt: Int64 {
        if let audio { return audio.nextSendAt }
        return video?.nextFrameAt ?? .max
    }

    /// Starts the source: the first packet or frame (a key frame) is due at `now`.
    mutating func start(now: Int64) {
        guard !isStarted else { return }
        isStarted = true
        audio?.start(now: now)
        video?.start(now: now)
    }

    /// PLI or FIR: the next video frame is a key frame (nothing for audio).
    mutating func requestKeyFrame() {
        video?.requestKeyFrame()
    }

    /// This stream's sender record for the receivers' loss accounting.
    var record: SenderRecord {
        SenderRecord(stream: stream.probeStream, packetsSent: probeSequence, packetsDropped: dropped)
    }

    /// Sends every packet due at or before `now` on `transport` through socket `socketIndex`;
    /// `sentAt` goes into the probes. Returns how many packets went to the transmitter.
    mutating func sendDue(
        now: Int64, sentAt: Int64, transport: ClientTransport, socketIndex: Int, context: inout WorkerContext,
        traffic: inout TrafficCounters
    ) -> Int {
        guard isStarted else { return 0 }
        var sent = 0
        // Bounded: a worker that fell far behind sends at most a second's worth per call.
        var budget = 1_000
        while budget > 0, nextDueAt <= now {
            budget -= 1
            if audio != nil, let packet = audio?.nextPacket() {
                sent += sendAudio(packet, sentAt: sentAt, transport: transport, socketIndex: socketIndex,
                                  context: &context, traffic: &traffic)
            } else if let frame = video?.nextFrame() {
                for index in 0..<frame.packetCount {
                    sent += sendVideo(frame, packet: index, sentAt: sentAt, transport: transport, socketIndex: socketIndex,
                                      context: &context, traffic: &traffic)
                }
            } else {
                break
            }
        }
        return sent
    }

    private mutating func sendAudio(
        _ packet: MediaPacket, sentAt: Int64, transport: ClientTransport, socketIndex: Int, context: inout WorkerContext,
        traffic: inout TrafficCounters
    ) -> Int {
        guard let pending = begin(payloadLength: packet.payloadLength, marker: packet.marker,
                                  timestamp: packet.rtpTimestamp, context: &context, traffic: &traffic)
        else { return 0 }
        AudioPayload.write(into: UnsafeMutableRawBufferPointer(rebasing: pending.payload[..<(pending.payload.count - ProbeTrailer.byteCount)]))
        return finish(pending, sentAt: sentAt, transport: transport, socketIndex: socketIndex,
                      context: &context, traffic: &traffic)
    }

    private mutating func sendVideo(
        _ frame: VideoFrame, packet index: Int, sentAt: Int64, transport: ClientTransport, socketIndex: Int,
        context: inout WorkerContext, traffic: inout TrafficCounters
    ) -> Int {
        guard let pending = begin(payloadLength: frame.payloadLength(ofPacket: index), marker: index == frame.packetCount - 1,
                                  timestamp: frame.rtpTimestamp, context: &context, traffic: &traffic)
        else { return 0 }
        frame.writePayload(ofPacket: index, into: pending.payload)
        return finish(pending, sentAt: sentAt, transport: transport, socketIndex: socketIndex,
                      context: &context, traffic: &traffic)
    }

    /// A packet being written in its pool slot: the header is in place, the payload area next.
    private struct PendingPacket {
        let slot: BufferSlot
        /// The whole slot.
        let bytes: UnsafeMutableRawBufferPointer
        /// The payload's bytes in `bytes`, right after the header.
        let payload: UnsafeMutableRawBufferPointer
        /// Header and payload.
        let length: Int
    }

    /// Takes the packet's RTP sequence number; unless injected loss drops it, takes a pool slot
    /// and writes the RTP header into it.
    private mutating func begin(
        payloadLength: Int, marker: Bool, timestamp: UInt32, context: inout WorkerContext, traffic: inout TrafficCounters
    ) -> PendingPacket? {
        builder.marker = marker
        builder.timestamp = timestamp
        let sequence = builder.sequenceNumber
        if loss?.dropsNext() == true {
            builder.sequenceNumber = sequence.advanced(by: 1)
            dropped += 1
            return nil
        }
        guard payloadLength >= ProbeTrailer.byteCount, let slot = context.pool.acquire() else {
            traffic.sendFailures &+= 1
            return nil
        }
        let bytes = context.pool.bytes(of: slot)
        guard case .success(let header) = builder.write(into: bytes), header + payloadLength <= bytes.count else {
            context.pool.release(slot)
            traffic.sendFailures &+= 1
            return nil
        }
        builder.sequenceNumber = sequence.advanced(by: 1)
        return PendingPacket(slot: slot, bytes: bytes, payload: UnsafeMutableRawBufferPointer(rebasing: bytes[header..<(header + payloadLength)]),
                             length: header + payloadLength)
    }

    /// Writes the probe at the end of `payload`, protects the packet and queues it.
    private mutating func finish(
        _ pending: PendingPacket, sentAt: Int64, transport: ClientTransport,
        socketIndex: Int, context: inout WorkerContext, traffic: inout TrafficCounters
    ) -> Int {
        ProbeTrailer(stream: stream.probeStream, sequence: probeSequence, sentAt: sentAt).write(atEndOf: pending.payload)
        guard let transmit = transport.protectRTP(pending.bytes, length: pending.length) else {
            context.pool.release(pending.slot)
            traffic.sendFailures &+= 1
            return 0
        }
        probeSequence += 1
        traffic.rtpPacketsSent &+= 1
        traffic.rtpBytesSent &+= UInt64(transmit.byteCount)
        context.transmitter.send(pending.slot, length: transmit.byteCount, to: transmit.destination, via: socketIndex)
        return 1
    }
}
