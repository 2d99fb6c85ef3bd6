import SCTP
import Testing

/// Closing by stream reset (RFC 8831 §6.7) in every order, and when ids may be reused.
@Suite struct DataChannelCloseTests {
    /// A pair with channel 0 opened by the client.
    static func openPair() throws -> (DataChannelPair, UInt16) {
        var pair = DataChannelPair()
        let id = try pair.openChannel(from: .client, channelParameters("doomed"))
        pair.clientEvents = []
        pair.serverEvents = []
        return (pair, id)
    }

    @Test(arguments: [DataChannelPair.Side.client, .server])
    func closingResetsBothDirections(closer: DataChannelPair.Side) throws {
        var (pair, id) = try Self.openPair()
        pair[closer].close(id)
        #expect(pair[closer].channel(id)?.state == .closing)
        let request = pair.takeOutputs(closer)
        #expect(request == [.resetStreams([id])])
        for output in request { pair.carry(output, from: closer) }

        let peer = DataChannelPair.other(closer)
        #expect(pair[peer].channel(id)?.state == .closing)
        let answer = pair.takeOutputs(peer)
        #expect(answer == [.resetStreams([id])])
        for output in answer { pair.carry(output, from: peer) }

        pair.pump()
        #expect(pair.clientEvents == [.closed(id)])
        #expect(pair.serverEvents == [.closed(id)])
        #expect(pair.client.channel(id)?.state == .closed)
        #expect(pair.server.channel(id)?.state == .closed)
    }

    /// Our reset completes before the peer's arrives.
    @Test func ownResetCompletesFirst() throws {
        var (pair, id) = try Self.openPair()
        pair.client.close(id)
        #expect(pair.takeOutputs(.client) == [.resetStreams([id])])
        pair.client.handleOutgoingStreamsReset([id])
        #expect(pair.client.channel(id)?.state == .closing)
        #expect(pair.client.pollEvent() == nil)

        pair.server.handleIncomingStreamsReset([id])
        #expect(pair.takeOutputs(.server) == [.resetStreams([id])])
        pair.client.handleIncomingStreamsReset([id])
        #expect(pair.client.pollEvent() == .closed(id))
        #expect(pair.takeOutputs(.client).isEmpty)
        pair.server.handleOutgoingStreamsReset([id])
        #expect(pair.server.pollEvent() == .closed(id))
    }

    /// The peer's reset arrives before ours completes.
    @Test func peerResetArrivesFirst() throws {
        var (pair, id) = try Self.openPair()
        pair.client.close(id)
        _ = pair.takeOutputs(.client)
        pair.server.handleIncomingStreamsReset([id])
        _ = pair.takeOutputs(.server)
        pair.client.handleIncomingStreamsReset([id])
        #expect(pair.client.channel(id)?.state == .closing)
        #expect(pair.client.pollEvent() == nil)
        #expect(pair.takeOutputs(.client).isEmpty)
        pair.server.handleOutgoingStreamsReset([id])
        #expect(pair.server.pollEvent() == .closed(id))
        pair.client.handleOutgoingStreamsReset([id])
        #expect(pair.client.pollEvent() == .closed(id))
    }

    @Test func bothSidesClosingAtOnceCloseOnce() throws {
        var (pair, id) = try Self.openPair()
        pair.client.close(id)
        pair.server.close(id)
        pair.pump()
        #expect(pair.clientEvents == [.closed(id)])
        #expect(pair.serverEvents == [.closed(id)])
        #expect(pair.takeOutputs(.client).isEmpty)
        #expect(pair.takeOutputs(.server).isEmpty)
    }

    /// Resets for several streams come as one list and produce one answering request.
    @Test func severalStreamsResetTogether() throws {
        var pair = DataChannelPair()
        let ids = try (0..<3).map { try pair.openChannel(from: .server, channelParameters("s\($0)")) }
        #expect(ids == [1, 3, 5])
        pair.server.handleIncomingStreamsReset([1, 5, 9])
        #expect(pair.takeOutputs(.server) == [.resetStreams([1, 5])])
        #expect(pair.server.channels.map(\.state) == [.closing, .open, .closing])
    }

    /// While closing, the peer's messages still arrive until its direction is reset.
    @Test func messagesArriveUntilThePeerResets() throws {
        var (pair, id) = try Self.openPair()
        pair.client.close(id)
        pair.client.handleMessage(stream: id, ppid: 51, payload: [0x62], unordered: false)
        #expect(pair.client.pollEvent() == .message(id, textMessage("b")))
        pair.pump()
        pair.client.handleMessage(stream: id, ppid: 51, payload: [0x63], unordered: false)
        #expect(pair.client.counters[.messageAfterClose] == 1)
        #expect(pair.client.channel(id)?.messagesReceived == 1)
    }

    /// An id is reused only once both directions are reset; the closed channel stays listed
    /// with its final counters until then.
    @Test func idIsReusedOnlyAfterBothDirectionsReset() throws {
        var pair = DataChannelPair()
        let first = try pair.openChannel(from: .client, channelParameters("first"))
        let second = try pair.openChannel(from: .client, channelParameters("second"))
        #expect([first, second] == [0, 2])
        pair.send(textMessage("bye"), on: first, from: .client)

        pair.client.close(first)
        let request = pair.takeOutputs(.client)
        let whileClosing = try channelParameters("while closing")
        #expect(pair.client.open(whileClosing) == .success(4))
        for output in request { pair.carry(output, from: .client) }
        #expect(pair.client.channel(first)?.state == .closing)
        pair.pump()
        #expect(pair.client.channel(first)?.state == .closed)
        #expect(pair.client.channel(first)?.messagesSent == 1)
        #expect(pair.client.channel(first)?.bytesSent == 3)
        #expect(pair.client.channels.map(\.id) == [0, 2, 4])

        let reused = try pair.openChannel(from: .client, channelParameters("reused", protocol: "v2"))
        #expect(reused == first)
        #expect(pair.serverEvents.suffix(1) == [.opened(reused)])
        for table in [pair.client, pair.server] {
            let channel = try #require(table.channel(reused))
            #expect(channel.parameters.label == "reused")
            #expect(channel.state == .open)
            #expect(channel.messagesSent == 0)
            #expect(channel.messagesReceived == 0)
        }
    }

    /// The peer may open a channel on an id it used before, once that channel is closed.
    @Test func peerReusesAClosedId() throws {
        var (pair, id) = try Self.openPair()
        pair.server.close(id)
        pair.pump()
        let again = try pair.openChannel(from: .client, channelParameters("again"))
        #expect(again == id)
        #expect(pair.serverEvents == [.closed(id), .opened(id)])
        #expect(pair.server.counters.total == 0)
    }

    /// Closing before the ACK: the late ACK is no drop and raises no event.
    @Test func closingBeforeTheAckArrives() throws {
        var pair = DataChannelPair()
        let id = try pair.client.open(channelParameters("hasty")).get()
        for output in pair.takeOutputs(.client) { pair.carry(output, from: .client) }
        pair.client.close(id)
        pair.pump()
        #expect(pair.clientEvents == [.closed(id)])
        #expect(pair.client.counters.total == 0)
    }

    @Test func closeAndStrayResetsOfUnknownStreamsDoNothing() throws {
        var (pair, id) = try Self.openPair()
        pair.client.close(99)
        pair.client.handleIncomingStreamsReset([98])
        pair.client.handleOutgoingStreamsReset([id, 97])
        #expect(pair.takeOutputs(.client).isEmpty)
        #expect(pair.client.pollEvent() == nil)
        #expect(pair.client.channel(id)?.state == .open)
        pair.client.close(id)
        pair.client.close(id)
        #expect(pair.takeOutputs(.client) == [.resetStreams([id])])
    }
}
