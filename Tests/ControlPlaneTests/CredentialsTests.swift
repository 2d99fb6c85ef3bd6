import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// API.md "Credentials": 401 for credentials that identify no one, 403 for those that may not
/// do this, checked before the request itself.
@Suite("Credentials: operator keys and participant tokens")
struct CredentialsTests {
    @Test("no Authorization header: 401 missing_credentials with a Bearer challenge")
    func missing() async throws {
        try await TestServer.run { api in
            let response = try await api.send(.get, "/v1/rooms", credential: nil)
            expectError(response, .unauthorized, "missing_credentials")
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test("malformed Authorization: 401 malformed_credentials", arguments: [
        "Basic b3A6a2V5", "Bearer", "Bearer a b", "Bearer key,other", "Bearer ké", "Token \(TestServer.operatorKey)",
        "Bearer aaa.bbb.ccc", "Bearer =", "Bearer a=b",
    ])
    func malformed(header: String) async throws {
        try await TestServer.run { api in
            let response = try await api.send(.get, "/v1/rooms", credential: nil, headers: [.authorization: header])
            expectError(response, .unauthorized, "malformed_credentials")
        }
    }

    @Test("an operator key of another server: 401 unknown_key; both configured keys work")
    func operatorKeys() async throws {
        try await TestServer.run { api in
            expectError(try await api.send(.get, "/v1/rooms", credential: "op-key-alpha-012345678"), .unauthorized, "unknown_key")
            expectError(try await api.send(.get, "/v1/rooms", credential: "op-key-alpha-01234567890"), .unauthorized, "unknown_key")
            #expect(try await api.send(.get, "/v1/rooms").status == .ok)
            #expect(try await api.send(.get, "/v1/rooms", credential: TestServer.secondOperatorKey).status == .ok)
            #expect(try await api.send(.get, "/v1/rooms", credential: nil, headers: [.authorization: "bearer \(TestServer.operatorKey)"]).status == .ok)
        }
    }

    @Test("a token signed with another secret, or altered: 401 invalid_signature")
    func badSignature() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let created = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            let claims = try await TokenClaims.decode(created.token)
            let foreign = try await claims.signed(secret: "another-secret-of-at-least-32-bytes-long")
            expectError(try await api.send(.get, "/v1/rooms/r1", credential: foreign), .unauthorized, "invalid_signature")

            var widened = claims
            widened.room = "r2"
            let reSigned = try await widened.signed(secret: "another-secret-of-at-least-32-bytes-long")
            let parts = created.token.split(separator: ".")
            let tampered = "\(parts[0]).\(reSigned.split(separator: ".")[1]).\(parts[2])"
            expectError(try await api.send(.get, "/v1/rooms/r1", credential: tampered), .unauthorized, "invalid_signature")
        }
    }

    @Test("an expired token: 401 token_expired")
    func expired() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let created = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            var claims = try await TokenClaims.decode(created.token)
            claims.iat = TokenClaims.nowSeconds - 120
            claims.exp = TokenClaims.nowSeconds - 60
            let expired = try await claims.signed()
            expectError(try await api.send(.get, "/v1/rooms/r1", credential: expired), .unauthorized, "token_expired")
            #expect(try await api.send(.get, "/v1/rooms/r1", credential: created.token).status == .ok)
        }
    }

    @Test("a token whose participant left no longer works, not even for a new participant of that id")
    func revoked() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let first = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1", credential: first.token).status == .noContent)
            expectError(try await api.send(.get, "/v1/rooms/r1", credential: first.token), .unauthorized, "token_revoked")

            let second = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/p1", credential: first.token), .unauthorized, "token_revoked")
            #expect(try await api.send(.get, "/v1/rooms/r1/participants/p1", credential: second.token).status == .ok)

            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            expectError(try await api.send(.get, "/v1/rooms/r1", credential: second.token), .unauthorized, "token_revoked")
        }
    }

    @Test("a participant token on an operator endpoint: 403 operator_only")
    func operatorOnly() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let token = try await api.createParticipant(room: "r1").token
            expectError(try await api.send(.get, "/v1/rooms", credential: token), .forbidden, "operator_only")
            expectError(try await api.send(.post, "/v1/rooms", credential: token, json: "{}"), .forbidden, "operator_only")
            expectError(try await api.send(.delete, "/v1/rooms/r1", credential: token), .forbidden, "operator_only")
            expectError(
                try await api.send(.post, "/v1/rooms/r1/participants", credential: token, json: "{}"), .forbidden, "operator_only")
        }
    }

    @Test("a token acts only in its room (403 other_room) and as its participant (403 other_participant)")
    func scope() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            _ = try await api.createRoom(#"{"id":"r2"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            _ = try await api.createParticipant(room: "r2", #"{"id":"p1"}"#)

            #expect(try await api.send(.get, "/v1/rooms/r1", credential: p1.token).status == .ok)
            #expect(try await api.send(.get, "/v1/rooms/r1/participants/p1", credential: p1.token).status == .ok)
            expectError(try await api.send(.get, "/v1/rooms/r2", credential: p1.token), .forbidden, "other_room")
            expectError(try await api.send(.get, "/v1/rooms/r2/participants/p1", credential: p1.token), .forbidden, "other_room")
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/p2", credential: p1.token), .forbidden, "other_participant")
            expectError(try await api.send(.delete, "/v1/rooms/r1/participants/p2", credential: p1.token), .forbidden, "other_participant")
            #expect(try await api.send(.get, "/v1/rooms/r1/participants/p2").status == .ok)
        }
    }

    @Test("credentials are checked before the request: 401/403 come before 404 and 400")
    func order() async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            expectError(try await api.send(.get, "/v1/rooms/nowhere", credential: nil), .unauthorized, "missing_credentials")
            expectError(try await api.send(.get, "/v1/rooms/nowhere", credential: p1.token), .forbidden, "other_room")
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/ghost", credential: p1.token), .forbidden, "other_participant")
            expectError(try await api.send(.post, "/v1/rooms", credential: "wrong", json: "{"), .unauthorized, "unknown_key")
            expectError(try await api.send(.post, "/v1/rooms", credential: p1.token, json: "{"), .forbidden, "operator_only")
            expectError(try await api.send(.get, "/v1/rooms/nowhere"), .notFound, "room_not_found")
        }
    }

    @Test("a participant may leave with its own token")
    func leave() async throws {
        let engine = PublishTestEngine()
        try await TestServer.run(engine: engine) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1", credential: p1.token).status == .noContent)
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/p1"), .notFound, "participant_not_found")
            #expect(await engine.calls == [.closeTransports(room: "r1", participant: "p1")])
        }
    }
}
