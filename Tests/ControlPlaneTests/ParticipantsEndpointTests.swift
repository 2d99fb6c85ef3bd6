import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /v1/rooms/{room}/participants`, `GET`/`DELETE …/participants/{p}` and the token a
/// creation returns.
@Suite("Participants")
struct ParticipantsEndpointTests {
    @Test("a participant created without fields: generated id, name = id, every permission, state new")
    func createWithDefaults() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let created = try await api.createParticipant(room: "r1")
            let after = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(Set(created.json.keys) == [
                "id", "name", "joinedAt", "permissions", "metadata", "state", "tracks", "dataChannels", "token", "tokenExpiresAt",
            ])
            #expect(created.id.range(of: "^[A-Za-z0-9_.-]{1,64}$", options: .regularExpression) != nil)
            #expect(created.json["name"] as? String == created.id)
            #expect(created.json["permissions"] as? [String: Bool] == ["publish": true, "subscribe": true, "data": true])
            #expect((created.json["metadata"] as? [String: Any])?.isEmpty == true)
            #expect(created.json["state"] as? String == "new")
            #expect((created.json["tracks"] as? [Any])?.isEmpty == true)
            #expect((created.json["dataChannels"] as? [Any])?.isEmpty == true)
            let joinedAt = try #require(created.json["joinedAt"] as? Int64)
            #expect((before...after).contains(joinedAt))

            let fetched = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/\(created.id)"))
            #expect(Set(fetched.keys) == ["id", "name", "joinedAt", "permissions", "metadata", "state", "tracks", "dataChannels"])
            #expect(fetched["joinedAt"] as? Int64 == joinedAt)
            let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
            #expect((room["participants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [created.id])
        }
    }

    @Test("omitted permission flags default to true; name and metadata are kept; order of joining is kept")
    func createWithFields() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let viewer = try await api.createParticipant(
                room: "r1", #"{"id":"viewer","name":"Ada L.","permissions":{"publish":false},"metadata":{"seat":4}}"#)
            #expect(viewer.json["name"] as? String == "Ada L.")
            #expect(viewer.json["permissions"] as? [String: Bool] == ["publish": false, "subscribe": true, "data": true])
            #expect((viewer.json["metadata"] as? [String: Any])?["seat"] as? Int == 4)
            _ = try await api.createParticipant(room: "r1", #"{"id":"a-second"}"#)
            let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
            #expect((room["participants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["viewer", "a-second"])
        }
    }

    @Test("the token is HS256 with iss, sub, room, permissions, iat, exp = iat + tokenTtlSeconds, and a jti")
    func tokenClaims() async throws {
        try await TestServer.run(TestServer.configuration(tokenTTLSeconds: 900)) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let created = try await api.createParticipant(room: "r1", #"{"id":"p1","permissions":{"data":false}}"#)
            #expect(try TokenClaims.header(created.token)["alg"] as? String == "HS256")
            let claims = try await TokenClaims.decode(created.token)
            #expect(claims.iss == "switchboard")
            #expect(claims.sub == "p1")
            #expect(claims.room == "r1")
            #expect(claims.permissions == ["publish": true, "subscribe": true, "data": false])
            #expect(claims.exp - claims.iat == 900)
            #expect(abs(claims.iat - TokenClaims.nowSeconds) <= 5)
            #expect(claims.jti.count >= 16)
            #expect(created.json["tokenExpiresAt"] as? Int64 == claims.exp * 1000)

            let other = try await TokenClaims.decode(try await api.createParticipant(room: "r1", #"{"id":"p2"}"#).token)
            #expect(other.jti != claims.jti)
        }
    }

    @Test("tokenTtlSeconds shortens the token's life and never lengthens it", arguments: [
        (30, Int64(30)), (899, 899), (900, 900), (901, 900), (1_000_000_000, 900),
    ])
    func tokenLifetime(requested: Int, expected: Int64) async throws {
        try await TestServer.run(TestServer.configuration(tokenTTLSeconds: 900)) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let created = try await api.createParticipant(room: "r1", #"{"tokenTtlSeconds":\#(requested)}"#)
            let claims = try await TokenClaims.decode(created.token)
            #expect(claims.exp - claims.iat == expected)
        }
    }

    @Test("unknown participant or room: 404; malformed participant id in the path: 404")
    func notFound() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/ghost"), .notFound, "participant_not_found")
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/bad!id"), .notFound, "participant_not_found")
            expectError(try await api.send(.delete, "/v1/rooms/r1/participants/ghost"), .notFound, "participant_not_found")
            expectError(try await api.send(.get, "/v1/rooms/r2/participants/ghost"), .notFound, "room_not_found")
        }
    }

    @Test("a participant id in use in the room: 409 participant_exists (other rooms may reuse it)")
    func duplicate() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createRoom(#"{"id":"r2"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            expectError(
                try await api.send(.post, "/v1/rooms/r1/participants", json: #"{"id":"p1"}"#), .conflict, "participant_exists")
            _ = try await api.createParticipant(room: "r2", #"{"id":"p1"}"#)
        }
    }

    @Test("a room at its maxParticipants: 503 room_full until someone leaves")
    func roomFull() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1","maxParticipants":2}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1")
            expectError(try await api.send(.post, "/v1/rooms/r1/participants", json: "{}"), .serviceUnavailable, "room_full")
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1").status == .noContent)
            _ = try await api.createParticipant(room: "r1")
        }
    }

    @Test("the configured maxParticipantsPerRoom is the default limit")
    func defaultLimit() async throws {
        try await TestServer.run(TestServer.configuration(maxParticipantsPerRoom: 1)) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createParticipant(room: "r1")
            expectError(try await api.send(.post, "/v1/rooms/r1/participants", json: "{}"), .serviceUnavailable, "room_full")
        }
    }

    @Test("deleting a participant closes its transports; deleting a room closes the room")
    func deleteClosesTransports() async throws {
        let engine = PublishTestEngine()
        try await TestServer.run(engine: engine) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1").status == .noContent)
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            #expect(await engine.calls == [.closeTransports(room: "r1", participant: "p1"), .closeRoom("r1")])
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/p2"), .notFound, "room_not_found")
        }
    }
}
