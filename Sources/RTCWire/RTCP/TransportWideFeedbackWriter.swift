extension TransportWideFeedback {
    /// Writes a transport-wide feedback packet into `buffer`; returns the bytes written, or nil
    /// when it does not fit, `receiveDeltas` is empty or longer than 65535 packets.
    ///
    /// - Parameters:
    ///   - referenceTime: in multiples of 64 ms; only its low 24 bits are sent (the field wraps).
    ///   - receiveDeltas: one entry per packet from `baseSequence` on: nil when it did not arrive,
    ///     otherwise its arrival time minus the previous arrival's (or minus the reference time,
    ///     for the first), in 250 µs units. 0...255 is sent as a small delta, anything else as a
    ///     large one.
    ///
    /// Chunks are chosen greedily: a run-length chunk for runs of 14 or more equal statuses (or
    /// for all remaining packets when they are equal), else a 1-bit vector when the next 14
    /// packets have no large delta, else a run-length chunk for a run of 7 or more, else a 2-bit
    /// vector. Zero bytes pad the packet to a 32-bit boundary (the P bit stays clear).
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC, mediaSSRC: SSRC,
                             baseSequence: SequenceNumber, referenceTime: Int32, feedbackPacketCount: UInt8,
                             receiveDeltas: [Int16?]) -> Int? {
        guard !receiveDeltas.isEmpty, receiveDeltas.count <= Int(UInt16.max) else { return nil }
        var chunkCount = 0
        var counting = StatusChunkEncoder(receiveDeltas: receiveDeltas)
        while counting.next() != nil { chunkCount += 1 }
        var deltaBytes = 0
        for delta in receiveDeltas { deltaBytes += PacketStatus(receiveDelta: delta).receiveDeltaSize }
        let size = (fixedSize + 2 * chunkCount + deltaBytes + 3) & ~3
        guard size <= RTCPWriter.maximumPacketSize else { return nil }

        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.transportWideFormat, type: .transportFeedback,
                              packetSize: size, senderSSRC: senderSSRC, mediaSSRC: mediaSSRC)
        writer.u16(baseSequence.rawValue)
        writer.u16(UInt16(receiveDeltas.count))
        writer.u24(UInt32(bitPattern: referenceTime) & 0xFF_FFFF)
        writer.u8(feedbackPacketCount)
        var encoder = StatusChunkEncoder(receiveDeltas: receiveDeltas)
        while let chunk = encoder.next() { writer.u16(chunk.rawValue) }
        for delta in receiveDeltas {
            guard let delta else { continue }
            if PacketStatus(receiveDelta: delta) == .receivedSmallDelta {
                writer.u8(UInt8(delta))
            } else {
                writer.u16(UInt16(bitPattern: delta))
            }
        }
        writer.zeroPadToWord()
        return writer.finish(expectedSize: size)
    }
}

/// Encodes per-packet statuses into status chunks, one chunk per `next()`, with the greedy
/// choice documented on `TransportWideFeedback.write`.
///
/// Invariant: the chunks yielded, read in order, give exactly the status of every packet of
/// `receiveDeltas` (the last chunk may describe unused trailing symbols).
struct StatusChunkEncoder: IteratorProtocol {
    typealias Chunk = TransportWideFeedback.StatusChunk
    typealias Status = TransportWideFeedback.PacketStatus

    let receiveDeltas: [Int16?]
    var index = 0

    init(receiveDeltas: [Int16?]) { self.receiveDeltas = receiveDeltas }

    private func status(_ position: Int) -> Status { Status(receiveDelta: receiveDeltas[position]) }

    mutating func next() -> Chunk? {
        let remaining = receiveDeltas.count - index
        guard remaining > 0 else { return nil }
        let first = status(index)
        var run = 1
        while run < remaining, run < Chunk.maximumRunLength, status(index + run) == first { run += 1 }
        if run >= 14 || run == remaining { return takeRun(first, run) }

        let oneBitSpan = min(14, remaining)
        var fitsOneBit = true
        for offset in 0..<oneBitSpan where status(index + offset) == .receivedLargeOrNegativeDelta {
            fitsOneBit = false
            break
        }
        if fitsOneBit { return takeVector(count: oneBitSpan, kindBits: 0x8000, symbolBits: 1) }
        if run >= 7 { return takeRun(first, run) }
        return takeVector(count: min(7, remaining), kindBits: 0xC000, symbolBits: 2)
    }

    private mutating func takeRun(_ status: Status, _ length: Int) -> Chunk {
        index += length
        return Chunk.runLength(status, length: length)
    }

    /// A status vector of the next `count` packets; `symbolBits` is 1 (14 slots) or 2 (7 slots).
    private mutating func takeVector(count: Int, kindBits: UInt16, symbolBits: Int) -> Chunk {
        var bits = kindBits
        let slots = 14 / symbolBits
        for slot in 0..<count {
            let symbol = UInt16(status(index + slot).rawValue)
            bits |= symbol << ((slots - 1 - slot) * symbolBits)
        }
        index += count
        return Chunk(rawValue: bits)
    }
}
