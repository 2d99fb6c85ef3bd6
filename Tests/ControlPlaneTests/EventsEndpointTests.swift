import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET …/participants/{p}/events` over HTTP: Server-Sent Events framing, credentials and errors.
///
/// The in-process test client hands over an answer once its body has ended, so each streaming
/// test reads in a task of its own, acts once the server holds the stream, then ends the stream
/// (the room closes, the participant leaves) and reads the whole body.
@Suite("Events endpoint", .timeLimit(.minutes(1)))
struct EventsEndpointTests {
    static func path(room: String = "r1", participant: String = "p1") -> String {
        "/v1/rooms/\(room)/participants/\(participant)/events"
    }

    /// Sends the GET in a task of its own and waits (bounded) until the hub holds one more
    /// stream of `room` than `before`.
    static func open(
        _ api: TestAPI, _ uri: String, credential: String?, hub: RoomEventHub, room: String = "r1", before: Int = 0
    ) async throws -> Task<TestResponse, any Error> {
        let reading = Task { try await api.send(.get, uri, credential: credential) }
        let opened = try await eventually { hub.streamCount(room: room) == before + 1 }
        #expect(opened, "the server never held the stream")
        return reading
    }

    /// The frames of a finished stream's answer, which must be a 200 event stream.
    static func frames(_ reading: Task<TestResponse, any Error>) async throws -> [SSEFrame] {
        let response = try await reading.value
        #expect(response.status == .ok, "body: \(String(buffer: response.body))")
        #expect(response.headers[.contentType] == "text/event-stream")
        #expect(response.headers[.cacheControl] == "no-cache")
        return try #require(SSEFrame.frames(of: String(buffer: response.body)), "not SSE: \(String(buffer: response.body))")
    }

    @Test("the stream starts with the room as GET shows it; joins, leaves and the room's end follow in order")
    func framingAndOrder() async throws {
        let hub = RoomEventHub()
        try await TestServer.run(events: hub) { api in
            _ = try await api.createRoom(#"{"id":"r1","metadata":{"topic":"standup"}}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            let roomAnswer = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))

            let reading = try await Self.open(api, Self.path(), credential: p1.token, hub: hub)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p3","name":"Third"}"#)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p2").status == .noContent)
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)

            let frames = try await Self.frames(reading)
            #expect(frames.map(\.event) == ["room", "participant-joined", "participant-left", "room-closed"])
            try #require(frames.count == 4)
            #expect(frames.allSatisfy { $0.comment == nil })
            #expect(NSDictionary(dictionary: try frames[0].object()) == NSDictionary(dictionary: roomAnswer))
            let joined = try #require(try frames[1].object()["participant"] as? [String: Any])
            #expect(joined["id"] as? String == "p3")
            #expect(joined["name"] as? String == "Third")
            #expect(joined["state"] as? String == "new")
            #expect(NSDictionary(dictionary: try frames[2].object()) == NSDictionary(dictionary: ["participant": "p2"]))
            #expect(frames[3].data == "{}")
            #expect(hub.streamCount(room: "r1") == 0)
        }
    }

    @Test("?token= opens the stream; a participant that leaves gets no event about it, the others do")
    func queryTokenAndLeaving() async throws {
        let hub = RoomEventHub()
        try await TestServer.run(events: hub) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            let p1Reading = try await Self.open(api, Self.path() + "?token=\(p1.token)", credential: nil, hub: hub)
            let p2Reading = try await Self.open(
                api, Self.path(participant: "p2"), credential: TestServer.operatorKey, hub: hub, before: 1)

            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1", credential: p1.token).status == .noContent)
            #expect(try await Self.frames(p1Reading).map(\.event) == ["room"])
            #expect(try await eventually { hub.streamCount(room: "r1") == 1 })

            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            let p2Frames = try await Self.frames(p2Reading)
            #expect(p2Frames.map(\.event) == ["room", "participant-left", "room-closed"])
            #expect(p2Frames.count == 3 ? p2Frames[1].data == #"{"participant":"p1"}"# : false)
        }
    }

    @Test("credentials: missing 401, malformed ?token= 401, revoked 401, another room 403, another participant 403")
    func credentials() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createRoom(#"{"id":"r2"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            let p2 = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            _ = try await api.createParticipant(room: "r2", #"{"id":"p1"}"#)
            let gone = try await api.createParticipant(room: "r1", #"{"id":"gone"}"#)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/gone").status == .noContent)

            let missing = try await api.send(.get, Self.path(), credential: nil)
            expectError(missing, .unauthorized, "missing_credentials")
            #expect(missing.headers[.wwwAuthenticate] != nil)
            expectError(try await api.send(.get, Self.path() + "?token=not-a-token", credential: nil), .unauthorized, "malformed_credentials")
            expectError(
                try await api.send(.get, Self.path(participant: "gone") + "?token=\(gone.token)", credential: nil), .unauthorized,
                "token_revoked")
            expectError(
                try await api.send(.get, Self.path(room: "r2") + "?token=\(p1.token)", credential: nil), .forbidden, "other_room")
            expectError(try await api.send(.get, Self.path(room: "r2"), credential: p1.token), .forbidden, "other_room")
            expectError(try await api.send(.get, Self.path() + "?token=\(p2.token)", credential: nil), .forbidden, "other_participant")
            expectError(try await api.send(.get, Self.path(), credential: p2.token), .forbidden, "other_participant")
        }
    }

    @Test("an unknown room or participant is 404; other methods are 405")
    func notFoundAndMethods() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.get, Self.path(participant: "nobody")), .notFound, "participant_not_found")
            expectError(try await api.send(.get, Self.path(room: "nowhere")), .notFound, "room_not_found")
            for method: HTTPRequest.Method in [.post, .put, .patch, .delete] {
                let response = try await api.send(method, Self.path())
                expectError(response, .methodNotAllowed, "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test("a quiet stream gets a keep-alive comment every keepAliveInterval, on the controller's clock")
    func keepAlive() async throws {
        let hub = RoomEventHub()
        let keepAliveClock = ManualClock()
        let directory = RoomDirectory(
            settings: .init(maxRooms: 5, defaultMaxParticipants: 5, defaultEmptyTimeoutSeconds: 300), mediaEngine: nil,
            clock: ManualClock(), events: hub)
        _ = try await directory.createRoom(RoomCreation(id: "r1"))
        _ = try await directory.addParticipant(ParticipantCreation(id: "p1"), tokenID: TokenAuthority.newTokenID(), to: "r1")
        let authenticator = Authenticator(
            operatorKeys: OperatorKeys([TestServer.operatorKey]),
            tokens: TokenAuthority(secret: TestServer.secret, defaultLifetimeSeconds: 600), directory: directory)
        let router = Router()
        router.add(middleware: APIErrorMiddleware())
        EventsController(directory: directory, authenticator: authenticator, keepAliveInterval: .seconds(15), clock: keepAliveClock)
            .addRoutes(to: router)

        try await Application(router: router).test(.router) { client in
            let reading = try await Self.open(TestAPI(client: client), Self.path(), credential: TestServer.operatorKey, hub: hub)
            #expect(try await eventually { keepAliveClock.sleeperCount == 1 })
            keepAliveClock.advance(by: .seconds(14))
            keepAliveClock.advance(by: .seconds(1))
            // The keep-alive loop sleeps again once it has queued the comment: an event published
            // now comes after it, and no other comment is due before 30 s.
            #expect(try await eventually { keepAliveClock.sleeperCount == 1 })
            hub.publish(.participantLeft(participant: "p9"), room: "r1", audience: .everyone)
            keepAliveClock.advance(by: .seconds(14))
            try await directory.deleteRoom("r1")

            let frames = try await Self.frames(reading)
            #expect(frames.map(\.event) == ["room", nil, "participant-left", "room-closed"])
            #expect(frames.map(\.comment) == [nil, "keep-alive", nil, nil])
            #expect(try await eventually { keepAliveClock.sleeperCount == 0 }, "the keep-alive loop ends with the stream")
        }
    }
}
