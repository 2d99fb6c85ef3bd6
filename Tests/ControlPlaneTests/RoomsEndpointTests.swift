import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST/GET /v1/rooms`, `GET/DELETE /v1/rooms/{room}` (API.md "Rooms and participants").
@Suite("Rooms")
struct RoomsEndpointTests {
    @Test("a room created without a body gets a generated id and the configured defaults")
    func createWithDefaults() async throws {
        let configuration = TestServer.configuration(maxParticipantsPerRoom: 7, emptyTimeoutSeconds: 45)
        try await TestServer.run(configuration) { api in
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let response = try await api.send(.post, "/v1/rooms")
            let after = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(response.status == .created)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let room = try JSONBody.object(response)
            #expect(Set(room.keys) == ["id", "createdAt", "maxParticipants", "emptyTimeoutSeconds", "metadata", "participants"])
            let id = try #require(room["id"] as? String)
            #expect(id.range(of: "^[A-Za-z0-9_.-]{1,64}$", options: .regularExpression) != nil)
            #expect(room["maxParticipants"] as? Int == 7)
            #expect(room["emptyTimeoutSeconds"] as? Int == 45)
            #expect((room["metadata"] as? [String: Any])?.isEmpty == true)
            #expect((room["participants"] as? [Any])?.isEmpty == true)
            let createdAt = try #require(room["createdAt"] as? Int64)
            #expect((before...after).contains(createdAt))

            let fetched = try JSONBody.object(try await api.send(.get, "/v1/rooms/\(id)"))
            #expect(fetched["id"] as? String == id)
            #expect(fetched["createdAt"] as? Int64 == createdAt)
        }
    }

    @Test("a room keeps the id, limits and metadata it was created with (integers stay integers)")
    func createWithFields() async throws {
        try await TestServer.run { api in
            let body = #"{"id":"Team_Sync-1.a","maxParticipants":3,"emptyTimeoutSeconds":604800,"metadata":{"topic":"standup","n":2,"x":1.5,"tags":["a",null,true],"nested":{"k":{}}}}"#
            let room = try await api.createRoom(body)
            #expect(room["id"] as? String == "Team_Sync-1.a")
            #expect(room["maxParticipants"] as? Int == 3)
            #expect(room["emptyTimeoutSeconds"] as? Int == 604_800)
            let metadata = try #require(room["metadata"] as? [String: Any])
            #expect(metadata["topic"] as? String == "standup")
            #expect(metadata["x"] as? Double == 1.5)
            #expect((metadata["nested"] as? [String: Any])?["k"] as? [String: Any] != nil)
            let tags = try #require(metadata["tags"] as? [Any])
            #expect(tags.count == 3 && tags[1] is NSNull && tags[2] as? Bool == true)
            let text = String(buffer: try await api.send(.get, "/v1/rooms/Team_Sync-1.a").body)
            #expect(text.contains(#""n":2"#) && !text.contains(#""n":2.0"#), "\(text)")
        }
    }

    @Test("GET /v1/rooms lists rooms oldest first; DELETE removes one and closes it in the engine")
    func listAndDelete() async throws {
        let engine = PublishTestEngine()
        try await TestServer.run(engine: engine) { api in
            for id in ["b", "a", "c"] { _ = try await api.createRoom(#"{"id":"\#(id)"}"#) }
            let list = try JSONBody.object(try await api.send(.get, "/v1/rooms"))
            #expect(Set(list.keys) == ["rooms"])
            #expect((list["rooms"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["b", "a", "c"])

            #expect(try await api.send(.delete, "/v1/rooms/a").status == .noContent)
            expectError(try await api.send(.get, "/v1/rooms/a"), .notFound, "room_not_found")
            expectError(try await api.send(.delete, "/v1/rooms/a"), .notFound, "room_not_found")
            let after = try JSONBody.object(try await api.send(.get, "/v1/rooms"))
            #expect((after["rooms"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["b", "c"])
            #expect(await engine.calls == [.closeRoom("a")])
        }
    }

    @Test("unknown and malformed room ids in a path: 404 room_not_found", arguments: [
        "nowhere", "bad%20id", "bad!id", String(repeating: "a", count: 65), "%2E%2E",
    ])
    func unknownRoom(id: String) async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.get, "/v1/rooms/\(id)"), .notFound, "room_not_found")
            expectError(try await api.send(.delete, "/v1/rooms/\(id)"), .notFound, "room_not_found")
            expectError(try await api.send(.post, "/v1/rooms/\(id)/participants", json: "{}"), .notFound, "room_not_found")
        }
    }

    @Test("creating a room with an id in use: 409 room_exists")
    func duplicate() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.post, "/v1/rooms", json: #"{"id":"r1"}"#), .conflict, "room_exists")
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            #expect(try await api.send(.post, "/v1/rooms", json: #"{"id":"r1"}"#).status == .created)
        }
    }

    @Test("at limits.maxRooms, another room gets 503 room_limit_reached until one closes")
    func roomLimit() async throws {
        try await TestServer.run(TestServer.configuration(maxRooms: 2)) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createRoom()
            expectError(try await api.send(.post, "/v1/rooms", json: "{}"), .serviceUnavailable, "room_limit_reached")
            expectError(try await api.send(.post, "/v1/rooms", json: #"{"id":"r3"}"#), .serviceUnavailable, "room_limit_reached")
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            #expect(try await api.send(.post, "/v1/rooms", json: #"{"id":"r3"}"#).status == .created)
        }
    }
}
