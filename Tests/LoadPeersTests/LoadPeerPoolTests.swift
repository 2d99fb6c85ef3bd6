import Foundation
import ICE
import LoadModel
import LoadPeers
import RTCWire
import SDP
import Testing

/// The pool's transports against the real server: a publisher and a subscriber of one room,
/// signalled over the HTTP API with hand-made SDP.
@Suite("LoadPeerPool against the real switchboard", .serialized, .timeLimit(.minutes(2)))
struct LoadPeerPoolTests {
    static let audio = OutgoingStream(
        kind: .audio, probeStream: ProbeStreamID(rawValue: 1), ssrc: SSRC(0x0A0A_0001), payloadType: PayloadType(truncating: 111),
        clockRate: 48_000, mid: Mid("0")!, rid: nil, bitsPerSecond: 48_000)
    static let video = OutgoingStream(
        kind: .video, probeStream: ProbeStreamID(rawValue: 2), ssrc: SSRC(0x0B0B_0002), payloadType: PayloadType(truncating: 96),
        clockRate: 90_000, mid: Mid("1")!, rid: nil, bitsPerSecond: 800_000)

    /// With injected loss the publisher skips RTP sequence numbers (the server sees gaps) but
    /// no probe numbers, so the subscriber still measures no loss.
    @Test("a publisher's audio and video reach a subscriber through the server without loss", arguments: [0.0, 0.05])
    func publishAndSubscribe(injectedLoss: Double) async throws {
        let server = try await SwitchboardUnderTest()
        defer { server.process.kill() }
        let pool = try LoadPeerPool(configuration: LoadPeerPoolConfiguration(threads: 2, transportCapacity: 4, connectTimeout: .seconds(5)))

        _ = try await server.expect(201, "POST", "/v1/rooms", json: ["id": "load"])
        let noData: [String: Any] = ["publish": true, "subscribe": true, "data": false]
        _ = try await server.expect(201, "POST", "/v1/rooms/load/participants", json: ["id": "pub", "permissions": noData])
        _ = try await server.expect(201, "POST", "/v1/rooms/load/participants", json: ["id": "sub", "permissions": noData])

        // The publisher: offer, answer, start, and wait until it is connected.
        let publisher = try pool.openTransport(dataChannel: false)
        let offer = HandMadeSDP.publishOffer(local: publisher.local, streams: [Self.audio, Self.video])
        let answer = try await server.expect(201, "POST", "/v1/rooms/load/participants/pub/publish", sdp: offer)
        let (publishRemote, extensions) = try HandMadeSDP.readPublishAnswer(answer)
        #expect(extensions.mid == 1)
        let plan = PublishPlan(streams: [Self.audio, Self.video], extensions: extensions, audio: .opus,
                               video: VideoProfile(bitsPerSecond: 800_000, framesPerSecond: 30, maximumPacketBytes: 1200,
                                                   keyFrameIntervalSeconds: 1, simulcast: false),
                               dataChannel: nil, dataChannelStream: nil, injectedLossRatio: injectedLoss)
        try pool.start(publisher.number, remote: publishRemote, plan: .publish(plan))
        #expect(throws: LoadPeerError.alreadyStarted(publisher.number)) {
            try pool.start(publisher.number, remote: publishRemote, plan: .publish(plan))
        }
        try await waitUntilConnected(publisher.number, pool: pool)

        // The subscriber: the server offers, the peer answers.
        let subscriber = try pool.openTransport(dataChannel: false)
        let subscribeOffer = try await server.expect(201, "POST", "/v1/rooms/load/participants/sub/subscribe", json: [:])
        let (subscribeAnswer, subscribeRemote) = try HandMadeSDP.answerSubscribeOffer(subscribeOffer, local: subscriber.local)
        _ = try await server.expect(204, "PUT", "/v1/rooms/load/participants/sub/subscribe", sdp: subscribeAnswer)
        try pool.start(subscriber.number, remote: subscribeRemote, plan: .receive(dataChannel: false))
        try await waitUntilConnected(subscriber.number, pool: pool)

        try await Task.sleep(for: .seconds(3))
        await pool.stopSending()
        let stoppedAt = LoadPeerPool.now()
        try await Task.sleep(for: .milliseconds(500))
        let snapshot = await pool.snapshot()
        await pool.shutdown()
        await pool.shutdown()  // Idempotent.

        #expect(snapshot.transports.map(\.phase) == [.connected, .connected], "\(snapshot.transports)")
        let received = snapshot.receptions.filter { $0.transport == subscriber.number }
        #expect(Set(received.map(\.reception.stream)) == [Self.audio.probeStream, Self.video.probeStream], "\(received.map(\.reception.stream))")
        #expect(!snapshot.receptions.contains { $0.transport == publisher.number })
        let loss = LossSummary(receptions: snapshot.receptions, senders: snapshot.senders)
        #expect(loss.lost == 0, "expected \(loss.expected), received \(loss.received)")
        #expect(loss.duplicates == 0)
        let audioSent = try #require(snapshot.senders.first { $0.stream == Self.audio.probeStream })
        // 50 packets a second for at least 3 s; the subscriber got most of them (it joined later).
        #expect(audioSent.packetsSent >= 150, "\(audioSent)")
        let dropped = snapshot.senders.reduce(0) { $0 + $1.packetsDropped }
        if injectedLoss > 0 { #expect(dropped > 0) } else { #expect(dropped == 0) }
        #expect(loss.received >= 100, "\(loss)")
        #expect(snapshot.traffic.rtpPacketsSent >= audioSent.packetsSent)
        #expect(snapshot.traffic.rtpPacketsReceived == loss.received + loss.duplicates)
        #expect(snapshot.traffic.srtpFailures == 0)
        #expect(snapshot.traffic.packetsWithoutProbe == 0)
        #expect(snapshot.mediaDelays.count == snapshot.traffic.rtpPacketsReceived)
        let p99 = try #require(snapshot.mediaDelays.percentileNanoseconds(0.99))
        #expect(p99 < 500_000_000, "p99 one-way delay \(p99) ns")
        let subscriberProgress = snapshot.transports[subscriber.number]
        let firstMedia = try #require(subscriberProgress.firstMediaReceivedAt)
        #expect(firstMedia < stoppedAt)
        #expect(try #require(subscriberProgress.connectedAt) <= firstMedia)
        #expect(snapshot.workerCPUSeconds != nil)
        print("load peers: \(snapshot.senders), received \(loss.received) of \(loss.expected), "
              + "p99 \(p99 / 1000) µs, \(snapshot.traffic.keyFrameRequestsReceived) key frame requests, "
              + "worker CPU \(snapshot.workerCPUSeconds ?? -1) s")

        let after = await pool.snapshot()
        #expect(after.transports.map(\.phase) == [.closed, .closed], "\(after.transports)")
        #expect(throws: LoadPeerError.shutDown) { try pool.openTransport(dataChannel: false) }
    }

    @Test("the pool hands out each socket once and refuses data channels on a transport opened without them")
    func capacityAndDataChannels() async throws {
        let pool = try LoadPeerPool(configuration: LoadPeerPoolConfiguration(threads: 2, transportCapacity: 3))
        let opened = try (0..<3).map { _ in try pool.openTransport(dataChannel: false) }
        #expect(opened.map(\.number) == [0, 1, 2])
        #expect(Set(opened.map(\.local.address)).count == 3)
        #expect(Set(opened.map(\.local.credentials.usernameFragment)).count == 3)
        #expect(opened.allSatisfy { $0.local.fingerprint == opened[0].local.fingerprint })
        #expect(throws: LoadPeerError.capacityExhausted(3)) { try pool.openTransport(dataChannel: false) }
        #expect(throws: LoadPeerError.unknownTransport(7)) {
            try pool.start(7, remote: Self.loopbackRemote, plan: .receive(dataChannel: false))
        }
        #expect(throws: LoadPeerError.dataChannelsUnavailable(transport: 0)) {
            try pool.start(0, remote: Self.loopbackRemote, plan: .receive(dataChannel: true))
        }
        let snapshot = await pool.snapshot()
        #expect(snapshot.transports.map(\.phase) == [.connecting, .connecting, .connecting])
        #expect(snapshot.traffic == TrafficCounters())
        await pool.shutdown()
    }

    static var loopbackRemote: RemoteTransportDescription {
        RemoteTransportDescription(
            credentials: try! ICECredentials(usernameFragment: "Srv0", password: "serverPassword0123456789"),
            fingerprints: [Fingerprint(algorithm: .sha256, bytes: Array(repeating: 1, count: 32))!],
            candidates: [.ipv4(address: 0x7F00_0001, port: 9)], localDTLSRole: .client, isICELite: true)
    }

    /// Polls the pool until transport `number` is connected; fails on `failed` or after 10 s.
    private func waitUntilConnected(_ number: Int, pool: LoadPeerPool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let phase = await pool.snapshot().transports[number].phase
            if phase == .connected { return }
            if case .failed(let reason) = phase { throw HandMadeSDP.Problem("transport \(number) failed: \(reason)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HandMadeSDP.Problem("transport \(number) did not connect within 10 s")
    }
}
