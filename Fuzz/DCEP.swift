// libFuzzer entry for DCEP (RFC 8832) and the data-channel table: the input is parsed as one
// DCEP message (whatever parses must serialize back to itself), then cut into messages that a
// table (DTLS client, then server) receives on streams and with payload protocols the input
// picks, with stream resets in between. Built with the pure-Swift data-channel sources of the
// SCTP module (and its queue) by scripts/fuzz.sh (hence no import). Any trap, or a broken
// invariant checked below, is a finding.
// fuzz-sources: Sources/SCTP/DataChannel Sources/SCTP/SCTPQueue.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let message = try? DCEPMessage(parsing: bytes) {
        let again = message.serialized().withUnsafeBytes { try? DCEPMessage(parsing: $0) }
        precondition(again == message, "a parsed DCEP message does not survive serialization")
    }
    for isDTLSClient in [true, false] {
        drive(DataChannelTable(isDTLSClient: isDTLSClient, remoteMaxMessageSize: 1024, maximumChannels: 8), with: bytes)
    }
    return 0
}

/// Reads the input as records: [stream low byte][ppid selector][flags][length][payload…]; flag
/// bit 0 sends unordered, bit 1 resets the stream afterwards (incoming), bit 2 closes it
/// locally, bit 3 opens a channel of our own first.
private func drive(_ start: DataChannelTable, with bytes: UnsafeRawBufferPointer) {
    var table = start
    let protocols: [UInt32] = [50, 51, 52, 53, 54, 56, 57, 0, 0xFFFF_FFFF]
    var offset = 0
    while offset + 4 <= bytes.count {
        let stream = UInt16(bytes[offset] & 0x0F)
        let ppid = protocols[Int(bytes[offset + 1]) % protocols.count]
        let flags = bytes[offset + 2]
        let length = min(Int(bytes[offset + 3]), bytes.count - offset - 4)
        let payload = Array(bytes[(offset + 4)..<(offset + 4 + length)])
        offset += 4 + length
        if flags & 8 != 0, let parameters = try? DataChannelParameters(label: "fuzz") { _ = table.open(parameters) }
        table.handleMessage(stream: stream, ppid: ppid, payload: payload, unordered: flags & 1 != 0)
        if flags & 2 != 0 { table.handleIncomingStreamsReset([stream]) }
        if flags & 4 != 0 { table.close(stream) }
        while let output = table.pollOutput() {
            if case .resetStreams(let streams) = output { table.handleOutgoingStreamsReset(streams) }
        }
        while table.pollEvent() != nil {}
        for channel in table.channels {
            precondition(channel.id <= DataChannelTable.maximumStreamIdentifier, "a channel on a reserved stream")
        }
        precondition(table.channels.filter { $0.state != .closed }.count <= table.maximumChannels,
                     "more channels than the table allows")
    }
}
