import SCTP
import Testing

/// Every incoming message a table does not act on is dropped and counted by its cause; the
/// table goes on working afterwards.
@Suite struct DataChannelDropTests {
    static let dcep: UInt32 = 50

    static func openBytes(_ label: String) throws -> [UInt8] {
        DCEPMessage.open(try channelParameters(label)).serialized()
    }

    /// The server's table (odd ids are its own, even ones the client's).
    static func serverTable(maximumChannels: Int = 1024) -> DataChannelTable {
        DataChannelTable(isDTLSClient: false, remoteMaxMessageSize: 0, maximumChannels: maximumChannels)
    }

    static func drain(_ table: inout DataChannelTable) -> (outputs: [DataChannelOutput], events: [DataChannelEvent]) {
        var outputs: [DataChannelOutput] = []
        var events: [DataChannelEvent] = []
        while let output = table.pollOutput() { outputs.append(output) }
        while let event = table.pollEvent() { events.append(event) }
        return (outputs, events)
    }

    /// A malformed DCEP message on a free stream is refused with a reset; on a used stream it
    /// is only dropped.
    @Test func malformedControlMessage() throws {
        var table = Self.serverTable()
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: [0x03, 0x00], unordered: false)
        #expect(Self.drain(&table).outputs == [.resetStreams([0])])
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: try Self.openBytes("ok"), unordered: false)
        _ = Self.drain(&table)
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: [0x07], unordered: false)
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: [], unordered: false)
        #expect(Self.drain(&table).outputs.isEmpty)
        #expect(table.counters[.malformedControlMessage] == 3)
        #expect(table.counters.total == 3)
        #expect(table.channel(2)?.state == .open)
    }

    @Test func unorderedControlMessage() throws {
        var table = Self.serverTable()
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: try Self.openBytes("u"), unordered: true)
        #expect(table.counters[.unorderedControlMessage] == 1)
        #expect(table.channel(0) == nil)
        #expect(Self.drain(&table).outputs.isEmpty)
    }

    @Test func openOnStreamInUse() throws {
        var table = Self.serverTable()
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: try Self.openBytes("first"), unordered: false)
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: try Self.openBytes("second"), unordered: false)
        try table.openNegotiated(id: 4, channelParameters("negotiated")).get()
        table.handleMessage(stream: 4, ppid: Self.dcep, payload: try Self.openBytes("third"), unordered: false)
        #expect(table.counters[.openOnStreamInUse] == 2)
        #expect(table.channel(0)?.parameters.label == "first")
        #expect(table.channel(4)?.parameters.label == "negotiated")
        let drained = Self.drain(&table)
        #expect(drained.events == [.opened(0)])
        #expect(drained.outputs.count == 1)
    }

    /// An OPEN with our own parity is refused by a reset; on 65535, which no SCTP stream can
    /// have, it is only dropped.
    @Test func openOnInvalidStream() throws {
        var table = Self.serverTable()
        table.handleMessage(stream: 3, ppid: Self.dcep, payload: try Self.openBytes("mine"), unordered: false)
        #expect(Self.drain(&table).outputs == [.resetStreams([3])])
        var client = DataChannelTable(isDTLSClient: true, remoteMaxMessageSize: 0)
        client.handleMessage(stream: 65535, ppid: Self.dcep, payload: try Self.openBytes("reserved"), unordered: false)
        #expect(Self.drain(&client).outputs.isEmpty)
        #expect(table.counters[.openOnInvalidStream] == 1)
        #expect(client.counters[.openOnInvalidStream] == 1)
        // The refused id is ours again only once both directions are reset.
        let parameters = try channelParameters("ours")
        #expect(table.open(parameters) == .success(1))
        #expect(table.open(parameters) == .success(5))
        table.handleOutgoingStreamsReset([3])
        table.handleIncomingStreamsReset([3])
        #expect(table.open(parameters) == .success(3))
    }

    @Test func openOverChannelLimit() throws {
        var table = Self.serverTable(maximumChannels: 0)
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: try Self.openBytes("none"), unordered: false)
        #expect(table.counters[.openOverChannelLimit] == 1)
        #expect(Self.drain(&table) == ([.resetStreams([0])], []))
    }

    @Test func unexpectedAck() throws {
        var table = Self.serverTable()
        table.handleMessage(stream: 7, ppid: Self.dcep, payload: [0x02], unordered: false)  // no channel
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: try Self.openBytes("theirs"), unordered: false)
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: [0x02], unordered: false)  // the peer's channel
        let mine = try table.open(channelParameters("mine")).get()
        table.handleMessage(stream: mine, ppid: Self.dcep, payload: [0x02], unordered: false)
        table.handleMessage(stream: mine, ppid: Self.dcep, payload: [0x02], unordered: false)  // a second ACK
        #expect(table.counters[.unexpectedAck] == 3)
        #expect(table.channel(mine)?.state == .open)
    }

    @Test func messagesOnUnknownOrClosedStreams() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("c"))
        pair.client.handleMessage(stream: 200, ppid: 51, payload: [1], unordered: false)
        pair.client.close(id)
        pair.pump()
        pair.client.handleMessage(stream: id, ppid: 53, payload: [1], unordered: true)
        pair.client.handleMessage(stream: id, ppid: 57, payload: [0], unordered: false)
        #expect(pair.client.counters[.messageOnUnknownStream] == 1)
        #expect(pair.client.counters[.messageAfterClose] == 2)
        #expect(pair.client.channel(id)?.messagesReceived == 0)
    }

    @Test(arguments: [UInt32(52), 54])
    func deprecatedPartialMessages(ppid: UInt32) throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("c"))
        pair.server.handleMessage(stream: id, ppid: ppid, payload: [1, 2], unordered: false)
        #expect(pair.server.counters[.deprecatedPayloadProtocol] == 1)
        #expect(pair.server.pollEvent() == nil)
        #expect(pair.server.channel(id)?.messagesReceived == 0)
    }

    @Test(arguments: [UInt32(0), 49, 55, 58, 0xFFFF_FFFF])
    func unknownPayloadProtocols(ppid: UInt32) throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("c"))
        pair.server.handleMessage(stream: id, ppid: ppid, payload: [1], unordered: false)
        #expect(pair.server.counters[.unknownPayloadProtocol] == 1)
        #expect(pair.server.counters.total == 1)
        #expect(pair.server.pollEvent() == nil)
    }

    /// One table meets every cause in turn, each counted once, and still opens channels and
    /// carries messages after.
    @Test func everyCauseIsCountedAndTheTableGoesOn() throws {
        var table = DataChannelTable(isDTLSClient: false, remoteMaxMessageSize: 0, maximumChannels: 2)
        let open = try Self.openBytes("x")
        table.handleMessage(stream: 0, ppid: Self.dcep, payload: [0x09], unordered: false)  // malformed
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: open, unordered: true)  // unordered
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: open, unordered: false)  // opens 2
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: open, unordered: false)  // in use
        table.handleMessage(stream: 5, ppid: Self.dcep, payload: open, unordered: false)  // our parity
        table.handleMessage(stream: 4, ppid: Self.dcep, payload: open, unordered: false)  // opens 4
        table.handleMessage(stream: 6, ppid: Self.dcep, payload: open, unordered: false)  // over the limit
        table.handleMessage(stream: 2, ppid: Self.dcep, payload: [0x02], unordered: false)  // unexpected ACK
        table.handleMessage(stream: 8, ppid: 51, payload: [0x41], unordered: false)  // unknown stream
        table.handleMessage(stream: 2, ppid: 52, payload: [0x41], unordered: false)  // deprecated
        table.handleMessage(stream: 2, ppid: 99, payload: [0x41], unordered: false)  // unknown PPID
        table.handleIncomingStreamsReset([4])
        table.handleOutgoingStreamsReset([4])
        table.handleMessage(stream: 4, ppid: 51, payload: [0x41], unordered: false)  // after close

        for cause in DataChannelDropCause.allCases {
            #expect(table.counters[cause] == 1, "\(cause)")
        }
        #expect(table.counters.total == UInt64(DataChannelDropCause.allCases.count))

        table.handleMessage(stream: 2, ppid: 51, payload: [0x42], unordered: false)
        let events = Self.drain(&table).events
        #expect(events == [.opened(2), .opened(4), .closed(4), .message(2, textMessage("B"))])
        let after = try channelParameters("after")
        #expect(table.open(after) == .success(1))
    }
}
