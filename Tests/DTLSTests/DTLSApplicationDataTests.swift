import DTLS
import Testing

@Suite("Application data, MTU and close_notify")
struct DTLSApplicationDataTests {
    @Test("application data goes both ways, in order, one event per record")
    func roundTrip() throws {
        let pair = try EndpointPair()
        pair.run()
        let messages: [[UInt8]] = [Array("first".utf8), Array(repeating: 0xAB, count: 1000), [0]]
        for message in messages { try pair.client.send(message) }
        let datagrams = pair.flush(.clientToServer)
        #expect(datagrams == 1, "three small records share one datagram")
        try pair.server.send(Array("reply".utf8))
        pair.flush(.serverToClient)
        pair.collectEvents()
        #expect(EndpointPair.applicationData(in: pair.serverEvents) == messages)
        #expect(EndpointPair.applicationData(in: pair.clientEvents) == [Array("reply".utf8)])
    }

    @Test("application data before the handshake completes is refused")
    func notConnected() throws {
        let pair = try EndpointPair()
        #expect(throws: DTLSError.notConnected) { try pair.client.send([1, 2, 3]) }
        pair.client.start(now: pair.now)
        #expect(throws: DTLSError.notConnected) { try pair.client.send([1, 2, 3]) }
        #expect(pair.client.maximumApplicationDataSize == nil)
    }

    @Test("datagrams never exceed the MTU, and a record fills at most one", arguments: [256, 300, 576, 1200, 1500])
    func mtu(_ mtu: Int) throws {
        let pair = try EndpointPair(mtu: mtu)
        pair.run()
        #expect(pair.clientKeys != nil)
        let limit = try #require(pair.client.maximumApplicationDataSize)
        // AES-128-GCM: 13-byte header, 8-byte explicit nonce, 16-byte tag.
        #expect(limit == mtu - 13 - 8 - 16)
        try pair.client.send(Array(repeating: 7, count: limit))
        #expect(throws: DTLSError.applicationDataTooLarge(size: limit + 1, limit: limit)) {
            try pair.client.send(Array(repeating: 7, count: limit + 1))
        }
        for size in [1, limit / 2, limit] { try pair.server.send(Array(repeating: 9, count: size)) }
        pair.flush(.clientToServer)
        pair.flush(.serverToClient)
        pair.collectEvents()
        #expect(EndpointPair.applicationData(in: pair.serverEvents) == [Array(repeating: 7, count: limit)])
        #expect(EndpointPair.applicationData(in: pair.clientEvents).map(\.count) == [1, limit / 2, limit])
        let largest = pair.sent.map(\.1.count).max() ?? 0
        #expect(largest <= mtu)
        if mtu <= 300 {
            #expect(pair.sent.count > 6, "the handshake was fragmented to fit")
        }
    }

    @Test("close sends close_notify: the peer reports .closed and answers with its own")
    func closeNotify() throws {
        let pair = try EndpointPair()
        pair.run()
        pair.client.close()
        #expect(pair.client.state == .closed)
        #expect(throws: DTLSError.notConnected) { try pair.client.send([1]) }
        #expect(pair.flush(.clientToServer) == 1)
        pair.collectEvents()
        #expect(pair.serverEvents.last == .closed)
        #expect(pair.server.state == .closed)
        #expect(pair.flush(.serverToClient) == 1, "the server's close_notify")
        pair.collectEvents()
        #expect(!pair.clientEvents.contains(.closed), "closing locally is not reported as an event")
        #expect(pair.client.pollEvent() == nil)
    }

    @Test("after close, later datagrams and timeouts are ignored")
    func ignoredAfterClose() throws {
        let pair = try EndpointPair()
        pair.run()
        try pair.server.send([1, 2, 3])
        pair.client.close()
        pair.flush(.serverToClient)
        pair.client.handleTimeout(now: pair.now + 10_000_000_000)
        pair.collectEvents()
        #expect(EndpointPair.applicationData(in: pair.clientEvents).isEmpty)
        #expect(pair.client.state == .closed)
    }
}
