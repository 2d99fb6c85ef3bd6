import MediaContract
import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A participant's `state` as `GET …/participants/{p}` and `GET /v1/rooms/{room}` show it, from
/// what the media engine (``PublishTestEngine``) reports of its transports.
@Suite("Participant state")
struct ParticipantStateTests {
    /// The state of p1 in its own resource and in its room's, which must agree.
    static func state(_ api: TestAPI) async throws -> String? {
        let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
        let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
        let inRoom = (room["participants"] as? [[String: Any]])?.first { $0["id"] as? String == "p1" }
        #expect(inRoom?["state"] as? String == participant["state"] as? String)
        return participant["state"] as? String
    }

    /// Runs `body` with room r1, participant p1 and the engine reporting `states` for p1.
    static func withReported(
        _ states: [TransportRole: TransportConnectionState],
        _ body: @escaping @Sendable (TestAPI, PublishTestEngine, CreatedParticipantBody) async throws -> Void
    ) async throws {
        let engine = PublishTestEngine()
        await engine.report(states, room: "r1", participant: "p1")
        try await PublishEndpointTests.withParticipant(engine: engine) { api, p1 in
            try await body(api, engine, p1)
        }
    }

    @Test("new: no transport yet")
    func new() async throws {
        try await Self.withReported([:]) { api, _, _ in
            let state1 = try await Self.state(api)
            #expect(state1 == "new")
        }
    }

    @Test("connecting: a publish answer was applied, the engine has not connected it")
    func connectingAfterPublish() async throws {
        try await Self.withReported([:]) { api, engine, p1 in
            let response = try await api.send(
                .post, PublishEndpointTests.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            #expect(response.status == .created)
            await engine.report([.publish: .connecting], room: "r1", participant: "p1")
            let state2 = try await Self.state(api)
            #expect(state2 == "connecting")
        }
    }

    @Test("connecting: a transport that failed without connecting is not a disconnection")
    func failedIsNotDisconnected() async throws {
        try await Self.withReported([.publish: .failed]) { api, _, _ in
            let state3 = try await Self.state(api)
            #expect(state3 == "connecting")
        }
    }

    @Test("connected: while the publish transport is connected")
    func connected() async throws {
        try await Self.withReported([.publish: .connected]) { api, _, _ in
            let state4 = try await Self.state(api)
            #expect(state4 == "connected")
        }
    }

    @Test("connected: while any transport is connected, even if another one is gone")
    func connectedWhileAnyIs() async throws {
        try await Self.withReported([.publish: .disconnected, .subscribe: .connected]) { api, _, _ in
            let state5 = try await Self.state(api)
            #expect(state5 == "connected")
        }
    }

    @Test("disconnected: once every transport that had connected is gone")
    func disconnected() async throws {
        try await Self.withReported([.publish: .disconnected, .subscribe: .connecting]) { api, engine, _ in
            let state6 = try await Self.state(api)
            #expect(state6 == "disconnected")
            await engine.report([.publish: .connected], room: "r1", participant: "p1")
            let state7 = try await Self.state(api)
            #expect(state7 == "connected")
        }
    }

    @Test("the states the engine reports belong to the participant they were asked for")
    func perParticipant() async throws {
        try await Self.withReported([.publish: .connected]) { api, _, _ in
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            let p2 = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p2"))
            #expect(p2["state"] as? String == "new")
            let rooms = try JSONBody.object(try await api.send(.get, "/v1/rooms"))
            let participants = ((rooms["rooms"] as? [[String: Any]])?.first?["participants"] as? [[String: Any]]) ?? []
            #expect(participants.map { $0["state"] as? String } == ["connected", "new"])
        }
    }
}
