import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What the control plane does for the server's life cycle: draining (503 `shutting_down`),
/// ending every event stream at once, and operator keys replaced while it runs (SIGHUP).
@Suite("Life cycle: draining, event streams ending, operator keys replaced", .timeLimit(.minutes(1)))
struct ShutdownDrainTests {
    /// Runs `body` against a router built with these life-cycle handles.
    static func run(
        drain: RoomDirectory.DrainSwitch = RoomDirectory.DrainSwitch(), events: RoomEventHub = RoomEventHub(),
        operatorKeys: OperatorKeys? = nil, engine: PublishTestEngine? = nil,
        _ body: @escaping @Sendable (TestAPI) async throws -> Void
    ) async throws {
        let router = buildRouter(
            configuration: TestServer.configuration(), startedAt: .now, mediaEngine: engine, clock: ManualClock(),
            events: events, operatorKeys: operatorKeys, drain: drain)
        try await Application(router: router).test(.router) { client in
            try await body(TestAPI(client: client))
        }
    }

    static func eventsPath(room: String, participant: String) -> String {
        "/v1/rooms/\(room)/participants/\(participant)/events"
    }

    @Test("draining: new rooms, participants, offers and event streams get 503 shutting_down; reading and leaving still work")
    func draining() async throws {
        let drain = RoomDirectory.DrainSwitch()
        try await Self.run(drain: drain, engine: PublishTestEngine()) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            let p2 = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            let published = try await api.publish(PublishOffer.text, as: p1)
            #expect(published.status == .created, "\(String(buffer: published.body))")

            #expect(!drain.isOn)
            #expect(drain.turnOn())
            #expect(!drain.turnOn(), "already on")
            #expect(drain.isOn)

            expectError(try await api.send(.post, "/v1/rooms", json: #"{"id":"r2"}"#), .serviceUnavailable, "shutting_down")
            expectError(
                try await api.send(.post, "/v1/rooms/r1/participants", json: #"{"id":"p3"}"#), .serviceUnavailable, "shutting_down")
            expectError(try await api.publish(PublishOffer.text, as: p2), .serviceUnavailable, "shutting_down")
            expectError(try await api.publish(PublishOffer.text, as: p1), .serviceUnavailable, "shutting_down")
            expectError(try await api.subscribe(p2), .serviceUnavailable, "shutting_down")
            expectError(
                try await api.send(.get, Self.eventsPath(room: "r1", participant: "p2") + "?token=\(p2.token)", credential: nil),
                .serviceUnavailable, "shutting_down")
            // Credentials are still checked first.
            expectError(try await api.send(.post, "/v1/rooms", credential: "wrong-key", json: "{}"), .unauthorized, "unknown_key")

            #expect(try await api.send(.get, "/v1/health").status == .ok)
            let rooms = try JSONBody.object(try await api.send(.get, "/v1/rooms"))
            #expect((rooms["rooms"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["r1"])
            #expect(try await api.send(.get, "/v1/rooms/r1/participants/p1").status == .ok)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p2").status == .noContent)
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
        }
    }

    @Test("closing every stream ends each open answer after what it had, without room-closed; a later stream ends after room")
    func eventStreamsEnd() async throws {
        let hub = RoomEventHub()
        try await Self.run(events: hub) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createRoom(#"{"id":"r2"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            let q1 = try await api.createParticipant(room: "r2", #"{"id":"q1"}"#)
            let first = try await EventsEndpointTests.open(
                api, Self.eventsPath(room: "r1", participant: "p1"), credential: p1.token, hub: hub, room: "r1")
            let second = try await EventsEndpointTests.open(
                api, Self.eventsPath(room: "r2", participant: "q1"), credential: q1.token, hub: hub, room: "r2")
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            #expect(hub.streamCount(room: "r1") == 1 && hub.streamCount(room: "r2") == 1)

            #expect(hub.closeAll() == 2)
            #expect(hub.streamCount(room: "r1") == 0 && hub.streamCount(room: "r2") == 0)
            #expect(try await EventsEndpointTests.frames(first).map(\.event) == ["room", "participant-joined"])
            #expect(try await EventsEndpointTests.frames(second).map(\.event) == ["room"])

            let late = try await api.send(.get, Self.eventsPath(room: "r1", participant: "p1"), credential: p1.token)
            #expect(late.status == .ok)
            #expect(SSEFrame.frames(of: String(buffer: late.body))?.map(\.event) == ["room"])
            #expect(hub.streamCount(room: "r1") == 0)
            #expect(hub.closeAll() == 0)
        }
    }

    @Test("the hub: closeAll finishes every recorder's stream with nothing after what was queued")
    func hubCloseAll() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1", "p2"])
        let first = try await fixture.record("p1")
        let second = try await fixture.record("p2")
        _ = try await first.events { $0.count == 1 }
        #expect(fixture.hub.closeAll() == 2)
        #expect(try await first.eventsWhenFinished().map(\.name) == ["room"])
        #expect(try await second.eventsWhenFinished().map(\.name) == ["room"])
        // Events published afterwards go nowhere, and the room itself is untouched.
        _ = try await fixture.directory.addParticipant(ParticipantCreation(id: "p3"), tokenID: "jti-p3", to: "r1")
        #expect(fixture.hub.streamCount(room: "r1") == 0)
    }

    @Test("operator keys replaced while running: the new keys work at once, the old one gets 401 unknown_key")
    func operatorKeysReplaced() async throws {
        let keys = OperatorKeys(["first-key"])
        try await Self.run(operatorKeys: keys) { api in
            #expect(try await api.send(.get, "/v1/rooms", credential: "first-key").status == .ok)
            expectError(try await api.send(.get, "/v1/rooms", credential: "second-key"), .unauthorized, "unknown_key")
            // The configuration's own keys are not in force: the shared set is.
            expectError(try await api.send(.get, "/v1/rooms", credential: TestServer.operatorKey), .unauthorized, "unknown_key")

            keys.replace(with: ["second-key", "third-key"])
            expectError(try await api.send(.get, "/v1/rooms", credential: "first-key"), .unauthorized, "unknown_key")
            #expect(try await api.send(.get, "/v1/rooms", credential: "second-key").status == .ok)
            #expect(try await api.send(.post, "/v1/rooms", credential: "third-key", json: "{}").status == .created)

            keys.replace(with: [])
            expectError(try await api.send(.get, "/v1/rooms", credential: "second-key"), .unauthorized, "unknown_key")
        }
    }
}
