// libFuzzer entry for RTCP compound iteration, every typed view's accessors and iterators, and
// in-place SSRC rewriting. Built with the RTCWire sources in one module by scripts/fuzz.sh
// (hence no import). Any trap, or a broken invariant checked below, is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { buffer.deallocate() }
    buffer.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size))

    let before = readEveryField(UnsafeRawBufferPointer(buffer))
    var flip = FlipSSRCs()
    let first = RTCPCompoundPacket.rewriteSSRCs(in: buffer, using: &flip)
    if case .success(let count) = first { precondition(count == before.packets) }
    _ = readEveryField(UnsafeRawBufferPointer(buffer))
    let second = RTCPCompoundPacket.rewriteSSRCs(in: buffer, using: &flip)
    precondition(first == second)
    precondition(memcmpEqual(buffer, data))
    precondition(readEveryField(UnsafeRawBufferPointer(buffer)) == before)
    return 0
}

/// XORs every SSRC with a constant, so two rewrites restore the packet.
private struct FlipSSRCs: SSRCMapping {
    mutating func map(_ ssrc: SSRC, field: RTCPSSRCField) -> SSRC { SSRC(ssrc.rawValue ^ 0x5A5A_A5A5) }
}

private struct Reading: Equatable {
    var packets = 0
    var checksum: UInt64 = 0
}

private func memcmpEqual(_ buffer: UnsafeMutableRawBufferPointer, _ data: UnsafePointer<UInt8>) -> Bool {
    for index in 0..<buffer.count where buffer[index] != data[index] { return false }
    return true
}

/// Reads every accessor of every view and walks every iterator to its end, checking the limits
/// each view's invariant promises.
private func readEveryField(_ bytes: UnsafeRawBufferPointer) -> Reading {
    var reading = Reading()
    for result in RTCPCompoundPacket(bytes) {
        guard case .success(let packet) = result else { break }
        reading.packets += 1
        let raw = packet.raw
        precondition(raw.bytes.count >= 4 && raw.bytes.count <= raw.header.packetSize)
        var sum: UInt64 = 0
        switch packet {
        case .senderReport(let sr):
            sum = UInt64(sr.senderSSRC.rawValue) &+ sr.ntpTimestamp &+ UInt64(sr.rtpTimestamp)
                &+ UInt64(sr.packetCount) &+ UInt64(sr.octetCount) &+ sumBlocks(sr.reportBlocks, raw)
            precondition(sr.ntp.rawValue == sr.ntpTimestamp && sr.ntp.middle32 == UInt32(truncatingIfNeeded: sr.ntpTimestamp >> 16))
            sum &+= UInt64(bitPattern: sr.ntp.unixMilliseconds)
        case .receiverReport(let rr):
            sum = UInt64(rr.senderSSRC.rawValue) &+ sumBlocks(rr.reportBlocks, raw)
        case .sourceDescription(let sdes):
            var chunks = 0
            for chunk in sdes.chunks {
                chunks += 1
                sum &+= UInt64(chunk.ssrc.rawValue)
                for item in chunk.items {
                    precondition(item.valueRange.upperBound <= raw.bytes.count && item.value.count == item.valueRange.count)
                    for byte in item.value { sum &+= UInt64(byte) }
                }
            }
            precondition(chunks == Int(raw.header.count))
        case .goodbye(let bye):
            for ssrc in bye.ssrcs { sum &+= UInt64(ssrc.rawValue) }
            if let reason = bye.reason { for byte in reason { sum &+= UInt64(byte) } }
        case .applicationDefined(let app):
            sum = UInt64(app.subtype) &+ UInt64(app.senderSSRC.rawValue) &+ UInt64(app.name)
            precondition(app.data.count == app.dataRange.count)
        case .genericNack(let nack):
            var entries = 0
            for entry in nack.entries { entries += 1; sum &+= UInt64(entry.lostBitmask) }
            var lost = 0
            for sequence in nack.lostSequenceNumbers { lost += 1; sum &+= UInt64(sequence.rawValue) }
            precondition(entries > 0 && lost >= entries && lost <= 17 * entries)
            sum &+= UInt64(nack.senderSSRC.rawValue) &+ UInt64(nack.mediaSSRC.rawValue)
        case .transportWideFeedback(let twcc):
            sum = UInt64(twcc.senderSSRC.rawValue) &+ UInt64(twcc.mediaSSRC.rawValue)
                &+ UInt64(bitPattern: twcc.referenceTimeMicroseconds) &+ UInt64(twcc.feedbackPacketCount)
            for chunk in twcc.chunks { sum &+= UInt64(chunk.rawValue) }
            var results = 0
            var expected = twcc.baseSequence
            for result in twcc.packetResults {
                precondition(result.sequence == expected)
                precondition((result.status == .notReceived) == (result.receiveDelta == nil))
                sum &+= UInt64(bitPattern: Int64(result.receiveDelta ?? 0))
                expected = expected.advanced(by: 1)
                results += 1
            }
            precondition(results == twcc.statusCount)
        case .pictureLossIndication(let pli):
            sum = UInt64(pli.senderSSRC.rawValue) &+ UInt64(pli.mediaSSRC.rawValue)
        case .fullIntraRequest(let fir):
            for entry in fir.entries { sum &+= UInt64(entry.ssrc.rawValue) &+ UInt64(entry.sequenceNumber) }
            sum &+= UInt64(fir.senderSSRC.rawValue) &+ UInt64(fir.mediaSSRC.rawValue)
        case .receiverEstimatedMaxBitrate(let remb):
            sum = remb.bitrate &+ UInt64(remb.exponent) &+ UInt64(remb.mantissa)
                &+ UInt64(remb.senderSSRC.rawValue) &+ UInt64(remb.mediaSSRC.rawValue)
            for ssrc in remb.ssrcs { sum &+= UInt64(ssrc.rawValue) }
        case .other(let other):
            sum = UInt64(other.header.packetType.rawValue)
        }
        reading.checksum = reading.checksum &* 31 &+ sum
    }
    return reading
}

private func sumBlocks(_ blocks: ReportBlocks, _ raw: RTCPRawPacket) -> UInt64 {
    var sum: UInt64 = 0
    var count = 0
    for block in blocks {
        count += 1
        precondition((-8_388_608...8_388_607).contains(block.cumulativeLost))
        sum &+= UInt64(block.ssrc.rawValue) &+ UInt64(block.jitter) &+ UInt64(block.fractionLost)
            &+ UInt64(block.extendedHighestSequence) &+ UInt64(block.lastSenderReport)
            &+ UInt64(block.delaySinceLastSenderReport) &+ UInt64(bitPattern: Int64(block.cumulativeLost))
    }
    precondition(count == Int(raw.header.count))
    return sum
}
