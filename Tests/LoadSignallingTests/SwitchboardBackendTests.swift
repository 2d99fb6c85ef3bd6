import Foundation
import LoadModel
import LoadSignalling
import SDP
import Testing
import TestSupport

/// `SwitchboardBackend` against the real `switchboard` binary on loopback.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardBackendTests {
    static let operatorKey = "load-signalling-key"
    static let readyMarker = "ready: listening on http://"

    /// Runs `body` with a fresh server's URL; the server is killed afterwards, whatever happens.
    private func withServer(_ body: (String) async throws -> Void) async throws {
        let server = try SwitchboardBinary.start(
            arguments: ["--http", "127.0.0.1:0", "--listen-ip", "127.0.0.1", "--workers", "1"],
            environment: ["SWITCHBOARD_API_KEYS": Self.operatorKey])
        defer { server.kill() }
        let ready = try await server.waitForLine(containing: Self.readyMarker, timeout: .seconds(30))
        let authority = ready.components(separatedBy: Self.readyMarker).last?.trimmingCharacters(in: .whitespaces) ?? ""
        try await body("http://" + authority)
    }

    @Test func publishAndSubscribeThroughTheRealServer() async throws {
        try await withServer { url in
            let backend = try SwitchboardBackend(url: url, apiKey: Self.operatorKey)
            #expect(backend.serverKind == "switchboard")
            let room = try await backend.createRoom(index: 0, participants: 2)
            let publisher = try await backend.join(room, name: "publisher-0", publishes: true, subscribes: false, data: true)
            let subscriber = try await backend.join(room, name: "subscriber-0", publishes: false, subscribes: true, data: true)
            #expect(publisher.room == room.id && subscriber.room == room.id)
            #expect(publisher.id != subscriber.id)

            let streams = [TestTransports.audio(), TestTransports.video()]
            let publishLocal = TestTransports.local(port: 43_000)
            let offer = PeerSDP.publishOffer(local: publishLocal, streams: streams, dataChannel: true)
            let answer = try await backend.publish(publisher, offer: offer)
            let (publishRemote, extensions) = try PeerSDP.readPublishAnswer(answer, streams: streams, policy: .loopback)
            #expect(publishRemote.isICELite)
            #expect(publishRemote.localDTLSRole == .client)
            #expect(!publishRemote.fingerprints.isEmpty)
            #expect(publishRemote.candidates.allSatisfy { AddressPolicy.loopback.allows($0) })
            #expect(extensions.mid == 1)
            let answered = try TestTransports.parse(answer)
            #expect(answered.media.map(\.port).allSatisfy { $0 != 0 })

            let subscribeOffer = try await backend.subscribe(subscriber, to: [publisher])
            let subscribeLocal = TestTransports.local(port: 43_001, fill: 0x5A)
            let reply = try PeerSDP.answerSubscribeOffer(subscribeOffer, local: subscribeLocal, acceptData: true, policy: .loopback)
            #expect(reply.dataChannel)
            #expect(reply.remote.localDTLSRole == .client)
            #expect(reply.remote.credentials != publishRemote.credentials)
            let subscribeAnswer = try TestTransports.parse(reply.answer)
            let kinds = subscribeAnswer.media.filter { $0.port != 0 }.map(\.kind)
            #expect(kinds.contains(.audio) && kinds.contains(.video) && kinds.contains(.application))
            #expect(subscribeAnswer.media.filter { $0.kind != .application }.allSatisfy { $0.direction == .recvonly })
            try await backend.acceptSubscription(subscriber, answer: reply.answer)

            await backend.leave(subscriber)
            await backend.leave(publisher)
            await backend.destroy(room)
            await #expect(throws: SignallingError.self) {
                try await backend.join(room, name: "late", publishes: true, subscribes: true, data: false)
            }
        }
    }

    @Test func serverErrorsCarryStatusCodeAndMessage() async throws {
        try await withServer { url in
            let wrongKey = try SwitchboardBackend(url: url, apiKey: "not-the-key")
            await #expect {
                _ = try await wrongKey.createRoom(index: 0, participants: 2)
            } throws: { error in
                guard case .refused(let step, 401, let message) = error as? SignallingError else { return false }
                return step == "create room 0" && !message.isEmpty
            }

            let backend = try SwitchboardBackend(url: url, apiKey: Self.operatorKey)
            let room = try await backend.createRoom(index: 1, participants: 2)
            let publisher = try await backend.join(room, name: "p", publishes: true, subscribes: false, data: false)
            await #expect {
                _ = try await backend.publish(publisher, offer: "v=0\r\nthis is not SDP\r\n")
            } throws: { error in
                guard case .refused(_, 400, let message) = error as? SignallingError else { return false }
                // "code: message", as the server's JSON error body says.
                return message.contains(": ")
            }
            let listener = try await backend.join(room, name: "l", publishes: false, subscribes: true, data: false)
            await #expect(throws: SignallingError.self) { try await backend.acceptSubscription(listener, answer: "v=0\r\n") }
            await backend.destroy(room)
        }
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        let port = try SwitchboardBinary.freeUDPPort()
        let backend = try SwitchboardBackend(url: "http://127.0.0.1:\(port)", apiKey: "k", requestTimeout: .seconds(2))
        await #expect {
            _ = try await backend.createRoom(index: 0, participants: 1)
        } throws: { error in
            if case .unreachable = error as? SignallingError { return true }
            return false
        }
    }
}
