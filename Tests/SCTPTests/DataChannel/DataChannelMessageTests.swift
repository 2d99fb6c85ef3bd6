import SCTP
import Testing

/// Application messages: framing by PPID, empty messages, limits, counting.
@Suite struct DataChannelMessageTests {
    @Test func textAndBinaryMessagesCrossWithTheirPPIDs() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("chat"))
        let outbound = try pair.send(textMessage("héllo"), on: id, from: .client).get()
        #expect(outbound == SCTPOutboundMessage(stream: id, ppid: 51, payload: Array("héllo".utf8), unordered: false,
                                                reliability: .reliable))
        let binaryOutbound = try pair.send(binaryMessage([0, 255, 7]), on: id, from: .server).get()
        #expect(binaryOutbound.ppid == 53)
        #expect(binaryOutbound.payload == [0, 255, 7])

        #expect(pair.serverEvents.last == .message(id, textMessage("héllo")))
        #expect(pair.clientEvents.last == .message(id, binaryMessage([0, 255, 7])))
        let client = try #require(pair.client.channel(id))
        #expect([client.messagesSent, client.bytesSent, client.messagesReceived, client.bytesReceived] == [1, 6, 1, 3])
        let server = try #require(pair.server.channel(id))
        #expect([server.messagesSent, server.bytesSent, server.messagesReceived, server.bytesReceived] == [1, 3, 1, 6])
    }

    /// An empty message goes out as PPID 56 or 57 with one zero byte and arrives empty
    /// (RFC 8831 §6.6); it counts as a message of 0 bytes.
    @Test func emptyMessagesUseTheirOwnPPIDs() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .server, channelParameters("e"))
        let emptyText = try pair.send(textMessage(""), on: id, from: .server).get()
        #expect(emptyText.ppid == 56)
        #expect(emptyText.payload == [0])
        let emptyBinary = try pair.send(binaryMessage([]), on: id, from: .server).get()
        #expect(emptyBinary.ppid == 57)
        #expect(emptyBinary.payload == [0])

        #expect(pair.clientEvents.suffix(2) == [.message(id, textMessage("")), .message(id, binaryMessage([]))])
        #expect(pair.client.channel(id)?.messagesReceived == 2)
        #expect(pair.client.channel(id)?.bytesReceived == 0)
        #expect(pair.server.channel(id)?.messagesSent == 2)
        #expect(pair.server.channel(id)?.bytesSent == 0)
    }

    /// Whatever byte stands in for an empty message, the message is empty.
    @Test func emptyMessageStandInIsIgnored() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("e"))
        pair.server.handleMessage(stream: id, ppid: 57, payload: [0x42], unordered: false)
        #expect(pair.server.pollEvent() == .message(id, binaryMessage([])))
    }

    @Test func messagesLargerThanThePeersLimitAreRefused() throws {
        var pair = DataChannelPair(clientMaxMessageSize: 1000, serverMaxMessageSize: 10)
        let id = try pair.openChannel(from: .client, channelParameters("small"))
        let ten = [UInt8](repeating: 1, count: 10)
        #expect(try pair.client.outgoingMessage(binaryMessage(ten), on: id).get().payload == ten)
        #expect(pair.client.outgoingMessage(binaryMessage(ten + [1]), on: id) == .failure(.tooLarge(size: 11, limit: 10)))
        #expect(pair.server.outgoingMessage(binaryMessage(ten + [1]), on: id).map(\.payload.count) == .success(11))
    }

    @Test func zeroMaxMessageSizeMeansNoLimit() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("big"))
        let big = [UInt8](repeating: 9, count: 1 << 20)
        #expect(pair.client.outgoingMessage(binaryMessage(big), on: id).map(\.payload.count) == .success(1 << 20))
    }

    @Test func sendingNeedsAChannelThatIsNotClosing() throws {
        var pair = DataChannelPair()
        #expect(pair.client.outgoingMessage(textMessage("x"), on: 0) == .failure(.unknownChannel))
        let id = try pair.openChannel(from: .client, channelParameters("c"))
        pair.client.close(id)
        #expect(pair.client.outgoingMessage(textMessage("x"), on: id) == .failure(.closing))
        pair.pump()
        #expect(pair.client.outgoingMessage(textMessage("x"), on: id) == .failure(.notOpen))
        #expect(pair.server.outgoingMessage(textMessage("x"), on: id) == .failure(.notOpen))
    }

    /// Counting waits for `didSend`: a message SCTP refused ("would block") and retried counts
    /// once; DCEP messages never count.
    @Test func onlyMessagesSCTPAcceptedAreCounted() throws {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("c"))
        let first = try pair.client.outgoingMessage(textMessage("abc"), on: id).get()
        let retried = try pair.client.outgoingMessage(textMessage("abc"), on: id).get()
        #expect(first == retried)
        #expect(pair.client.channel(id)?.messagesSent == 0)
        pair.client.didSend(retried)
        pair.client.didSend(SCTPOutboundMessage(stream: id, ppid: 50, payload: [2], unordered: false,
                                                reliability: .reliable))
        pair.client.didSend(SCTPOutboundMessage(stream: 40, ppid: 51, payload: [1], unordered: false,
                                                reliability: .reliable))
        #expect(pair.client.channel(id)?.messagesSent == 1)
        #expect(pair.client.channel(id)?.bytesSent == 3)
        #expect(pair.client.channel(40) == nil)
    }

    @Test func partialReliabilityTravelsWithEachMessage() throws {
        var pair = DataChannelPair()
        let timed = try pair.openChannel(from: .client, channelParameters("t", ordered: false,
                                                                           reliability: .maxPacketLifeTime(250)))
        let outbound = try pair.server.outgoingMessage(textMessage("x"), on: timed).get()
        #expect(outbound.reliability == .maxPacketLifeTime(250))
        #expect(outbound.unordered == true)
    }
}
