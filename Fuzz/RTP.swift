// libFuzzer entry for RTP parsing, extension iteration and in-place rewriting, and RFC 7983
// demultiplexing. Built with the RTCWire sources in one module by scripts/fuzz.sh (hence no
// import). Any trap, or a broken invariant checked below, is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { buffer.deallocate() }
    buffer.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size))

    _ = PacketClass(classifying: UnsafeRawBufferPointer(buffer))
    guard case .success(let packet) = RTPPacket.parse(buffer) else { return 0 }
    let before = packet.view
    precondition(before.payloadRange.upperBound + before.paddingLength == size)
    precondition(before.headerLength >= 12 + 4 * before.csrcCount)
    for element in before.extensions {
        precondition(element.id != 0 && element.dataRange.upperBound <= before.headerLength)
        _ = before.absSendTime(id: element.id)
        _ = before.transportSequenceNumber(id: element.id)
        _ = before.audioLevel(id: element.id)
        _ = before.ridBytes(id: element.id)
    }

    packet.ssrc = SSRC(0x0102_0304)
    packet.sequenceNumber = before.sequenceNumber.advanced(by: 1)
    packet.timestamp = before.timestamp &+ 90_000
    packet.payloadType = PayloadType(truncating: 111)
    packet.marker = true
    _ = packet.setAbsSendTime(0xFFFFFF, id: 2)
    _ = packet.setTransportSequenceNumber(0xFFFF, id: 3)
    packet.remapExtensionIDs(fuzzIDMap)

    guard case .success(let after) = RTPPacketView.parse(UnsafeRawBufferPointer(buffer)) else {
        preconditionFailure("rewritten RTP packet no longer parses")
    }
    precondition(after.payloadRange == before.payloadRange && after.paddingLength == before.paddingLength)
    precondition(after.ssrc == SSRC(0x0102_0304) && after.marker && after.payloadType.rawValue == 111)
    return 0
}

/// Maps some IDs into each form's range, one beyond the one-byte range, and leaves the rest
/// unmapped (erased).
private let fuzzIDMap = RTPExtensionIDMap([1: 3, 2: 1, 3: 14, 4: 15, 5: 200, 12: 2])!
