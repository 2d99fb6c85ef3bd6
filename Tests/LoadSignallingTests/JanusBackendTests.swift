import Foundation
import LoadModel
import LoadSignalling
import SDP
import Testing
import TestSupport

/// `JanusBackend` against Janus 1.1.2 started by scripts/janus.sh.
@Suite(.enabled(if: JanusServer.isInstalled, "janus is not installed (scripts/setup.sh installs it)"), .timeLimit(.minutes(2)))
struct JanusBackendTests {
    @Test func publisherOfferIsAnsweredAndRoomsComeAndGo() async throws {
        try await JanusServer.with { janus in
            let backend = try await JanusBackend(url: janus.url)
            #expect(backend.serverKind == "janus")
            let room = try await backend.createRoom(index: 0, participants: 4)
            let other = try await backend.createRoom(index: 1, participants: 4)
            #expect(room != other)
            let publisher = try await backend.join(room, name: "publisher-0", publishes: true, subscribes: false, data: true)

            let streams = [TestTransports.audio(), TestTransports.video()]
            let offer = PeerSDP.publishOffer(local: TestTransports.local(port: 44_000), streams: streams, dataChannel: true)
            let answer = try await backend.publish(publisher, offer: offer)
            let (remote, extensions) = try PeerSDP.readPublishAnswer(answer, streams: streams, policy: .loopback)
            #expect(remote.isICELite)
            #expect(!remote.candidates.isEmpty)
            #expect(remote.candidates.allSatisfy { if case .ipv4(0x7F00_0001, _) = $0 { true } else { false } })
            #expect(remote.localDTLSRole == .server)
            #expect(extensions.mid != nil)
            let sections = try TestTransports.parse(answer).media
            #expect(sections.map { $0.mid?.value } == ["0", "1", "2"])
            #expect(sections.allSatisfy { $0.port != 0 })

            // Janus refuses to create a room that exists.
            await #expect {
                _ = try await backend.createRoom(index: 0, participants: 4)
            } throws: { error in
                if case .refused(_, 427, _) = error as? SignallingError { return true }
                return false
            }
            await backend.leave(publisher)
            await backend.destroy(room)
            await backend.destroy(other)
            await backend.close()
            await #expect(throws: SignallingError.self) { try await backend.createRoom(index: 2, participants: 2) }
        }
    }

    @Test func subscriberAnswersJanusOfferForALivePublisher() async throws {
        try await JanusServer.with { janus in
            let backend = try await JanusBackend(url: janus.url)
            let room = try await backend.createRoom(index: 0, participants: 4)
            let publisher = try await backend.join(room, name: "aiortc", publishes: true, subscribes: false, data: false)
            let subscriber = try await backend.join(room, name: "subscriber-0", publishes: false, subscribes: true, data: false)

            let aiortc = try AiortcPublisher(seconds: 30)
            let answer = try await backend.publish(publisher, offer: try await aiortc.offer(timeout: .seconds(20)))
            try await aiortc.connect(answer: answer, timeout: .seconds(25))

            let offer = try await backend.subscribe(subscriber, to: [publisher, subscriber])
            let local = TestTransports.local(port: 44_100)
            let reply = try PeerSDP.answerSubscribeOffer(offer, local: local, acceptData: false, policy: .loopback)
            #expect(reply.remote.isICELite)
            #expect(reply.remote.localDTLSRole == .client)
            #expect(!reply.dataChannel)
            let accepted = try TestTransports.parse(reply.answer).media.filter { $0.port != 0 }
            #expect(accepted.map(\.kind) == [.audio, .video])
            try await backend.acceptSubscription(subscriber, answer: reply.answer)

            aiortc.stop()
            await backend.leave(subscriber)
            await backend.leave(publisher)
            await backend.destroy(room)
            await backend.close()
        }
    }

    @Test func aFeedThatNeverConnectsIsRefusedWithinTheTimeout() async throws {
        try await JanusServer.with { janus in
            let backend = try await JanusBackend(url: janus.url, requestTimeout: .seconds(2))
            let room = try await backend.createRoom(index: 0, participants: 2)
            let publisher = try await backend.join(room, name: "silent", publishes: true, subscribes: false, data: false)
            let local = TestTransports.local(port: 44_200)
            let offer = PeerSDP.publishOffer(local: local, streams: [TestTransports.audio()], dataChannel: false)
            _ = try await backend.publish(publisher, offer: offer)
            let subscriber = try await backend.join(room, name: "waiting", publishes: false, subscribes: true, data: false)
            // Janus keeps refusing the feed (its publisher never connects); the retries end at the
            // backend's 2 s request timeout with Janus's own refusal, not a hang.
            await #expect {
                _ = try await backend.subscribe(subscriber, to: [publisher])
            } throws: { error in
                if case .refused(_, 428, _) = error as? SignallingError { return true }
                return false
            }
            await backend.close()
        }
    }
}
