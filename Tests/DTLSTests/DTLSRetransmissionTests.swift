import DTLS
import Foundation
import Testing

/// OpenSSL times retransmissions on its own clock, so these tests shorten the first timeout to
/// 50 ms and really wait for it (about 0.2 s per test in all).
@Suite("Retransmission of lost flights")
struct DTLSRetransmissionTests {
    static let initialTimeout: UInt64 = 50_000_000

    /// Sleeps on the real clock until OpenSSL's timer, due at `deadline` on the pair's fake
    /// clock, has expired, then moves the fake clock there.
    static func wait(until deadline: UInt64, _ pair: EndpointPair) {
        let delay = deadline > pair.now ? deadline - pair.now : 0
        Thread.sleep(forTimeInterval: Double(delay) / 1e9 + 0.005)
        pair.now = deadline
    }

    @Test("a lost ClientHello is sent again once the timer expires, then the handshake completes")
    func lostClientHello() throws {
        let pair = try EndpointPair(initialRetransmissionTimeout: Self.initialTimeout)
        pair.deliver = { direction, index in !(direction == .clientToServer && index == 0) }
        pair.client.start(now: pair.now)
        pair.server.start(now: pair.now)
        #expect(pair.server.pollTimeout() == nil, "a server has no timer before a ClientHello")
        #expect(pair.flush(.clientToServer) == 1)
        let deadline = try #require(pair.client.pollTimeout())
        #expect(deadline > pair.now && deadline <= pair.now + Self.initialTimeout)

        // Before OpenSSL's timer expires, a timeout does nothing.
        pair.client.handleTimeout(now: pair.now)
        #expect(pair.client.pollTransmit() == nil)

        Self.wait(until: deadline, pair)
        pair.client.handleTimeout(now: pair.now)
        #expect(pair.flush(.clientToServer) == 1)
        // The retransmission carries the same handshake message in a record with a new sequence number.
        #expect(pair.sent[0].1.dropFirst(13) == pair.sent[1].1.dropFirst(13))
        #expect(pair.sent[0].1.prefix(11) != pair.sent[1].1.prefix(11))
        // The next timeout is doubled.
        let second = try #require(pair.client.pollTimeout())
        #expect(second > pair.now + Self.initialTimeout && second <= pair.now + 2 * Self.initialTimeout)

        pair.run()
        #expect(pair.clientKeys != nil)
        #expect(pair.serverKeys != nil)
        #expect(pair.clientKeys?.local == pair.serverKeys?.remote)
    }

    @Test("a lost final server flight: the client repeats its flight, the server its own")
    func lostFinalFlight() throws {
        let pair = try EndpointPair(initialRetransmissionTimeout: Self.initialTimeout)
        pair.client.start(now: pair.now)
        pair.server.start(now: pair.now)
        pair.flush(.clientToServer)  // ClientHello
        pair.flush(.serverToClient)  // ServerHello … ServerHelloDone
        pair.flush(.clientToServer)  // Certificate … Finished
        pair.collectEvents()
        #expect(pair.server.state == .connected)
        var lost = 0
        while pair.server.pollTransmit() != nil { lost += 1 }  // ChangeCipherSpec, Finished: lost
        #expect(lost >= 1)
        #expect(pair.client.state == .handshaking)

        let deadline = try #require(pair.client.pollTimeout())
        Self.wait(until: deadline, pair)
        pair.client.handleTimeout(now: pair.now)
        #expect(pair.flush(.clientToServer) >= 1)
        #expect(pair.flush(.serverToClient) >= 1)
        pair.collectEvents()
        #expect(pair.client.state == .connected)
        let clientKeys = try #require(pair.clientKeys)
        #expect(clientKeys.local == pair.serverKeys?.remote)
        #expect(clientKeys.remote == pair.serverKeys?.local)
    }

    @Test("no timer before start or after the handshake")
    func noTimerWhenIdleOrConnected() throws {
        let pair = try EndpointPair(initialRetransmissionTimeout: Self.initialTimeout)
        #expect(pair.client.pollTimeout() == nil)
        pair.run()
        #expect(pair.client.state == .connected)
        #expect(pair.client.pollTimeout() == nil)
        #expect(pair.server.pollTimeout() == nil)
    }
}
