import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Bodies, content types, identifiers in bodies and methods: 400, 405, 413, 415.
@Suite("Request bodies and methods")
struct RequestValidationTests {
    @Test("identifiers in a JSON body that break the pattern: 400 invalid_identifier", arguments: [
        #"{"id":""}"#, #"{"id":"has space"}"#, #"{"id":"\#(String(repeating: "x", count: 65))"}"#, #"{"id":".."}"#,
        #"{"id":"."}"#, #"{"id":"slash/es"}"#, #"{"id":"ünï"}"#,
    ])
    func badIdentifier(body: String) async throws {
        try await TestServer.run { api in
            expectError(try await api.send(.post, "/v1/rooms", json: body), .badRequest, "invalid_identifier")
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.post, "/v1/rooms/r1/participants", json: body), .badRequest, "invalid_identifier")
        }
    }

    @Test("the longest identifier, 64 characters of every allowed kind, is accepted")
    func longestIdentifier() async throws {
        let id = "Az09_.-" + String(repeating: "k", count: 57)
        try await TestServer.run { api in
            let body = #"{"id":"\#(id)"}"#
            let room = try await api.createRoom(body)
            #expect(room["id"] as? String == id)
            let participant = try await api.createParticipant(room: id, body)
            #expect(participant.id == id)
        }
    }

    @Test("fields of the wrong type or out of range: 400 invalid_field", arguments: [
        #"{"id":5}"#, #"{"maxParticipants":0}"#, #"{"maxParticipants":10001}"#, #"{"maxParticipants":"5"}"#,
        #"{"maxParticipants":2.5}"#, #"{"emptyTimeoutSeconds":-1}"#, #"{"emptyTimeoutSeconds":604801}"#,
        #"{"metadata":[1,2]}"#, #"{"metadata":"text"}"#,
    ])
    func badRoomField(body: String) async throws {
        try await TestServer.run { api in
            let response = try await api.send(.post, "/v1/rooms", json: body)
            expectError(response, .badRequest, "invalid_field")
            let message = JSONBody.error(response)?.message ?? ""
            let field = body.split(separator: "\"")[1]
            #expect(message.contains(String(field)), "message should name \(field): \(message)")
        }
    }

    @Test("participant fields of the wrong type or out of range: 400 invalid_field", arguments: [
        #"{"name":7}"#, #"{"name":"\#(String(repeating: "n", count: 257))"}"#, #"{"permissions":{"publish":"yes"}}"#,
        #"{"permissions":[true]}"#, #"{"tokenTtlSeconds":0}"#, #"{"tokenTtlSeconds":"60"}"#, #"{"metadata":true}"#,
    ])
    func badParticipantField(body: String) async throws {
        try await TestServer.run { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(try await api.send(.post, "/v1/rooms/r1/participants", json: body), .badRequest, "invalid_field")
        }
    }

    @Test("a body that is not a JSON object: 400 invalid_json", arguments: [
        "{", #"{"id":"r1""#, "[]", "42", #""text""#, "null", "{\"id\":\"r1\"}x",
    ])
    func malformedJSON(body: String) async throws {
        try await TestServer.run { api in
            expectError(try await api.send(.post, "/v1/rooms", json: body), .badRequest, "invalid_json")
        }
    }

    @Test("an empty body is {}; unknown fields are ignored; charset parameters are fine")
    func lenientBodies() async throws {
        try await TestServer.run { api in
            #expect(try await api.send(.post, "/v1/rooms").status == .created)
            #expect(try await api.send(.post, "/v1/rooms", body: "", contentType: "application/json").status == .created)
            let response = try await api.send(
                .post, "/v1/rooms", body: #"{"id":"r9","future":{"x":1}}"#, contentType: "Application/JSON; charset=utf-8")
            #expect(response.status == .created)
        }
    }

    @Test("a JSON body of another or no content type: 415 unsupported_media_type")
    func wrongContentType() async throws {
        try await TestServer.run { api in
            expectError(
                try await api.send(.post, "/v1/rooms", body: "{}", contentType: "text/plain"), .unsupportedMediaType,
                "unsupported_media_type")
            expectError(try await api.send(.post, "/v1/rooms", body: "{}"), .unsupportedMediaType, "unsupported_media_type")
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            expectError(
                try await api.send(.post, "/v1/rooms/r1/participants", body: "{}", contentType: "application/sdp"),
                .unsupportedMediaType, "unsupported_media_type")
        }
    }

    @Test("a body over limits.maxBodyBytes: 413 body_too_large")
    func tooLarge() async throws {
        try await TestServer.run(TestServer.configuration(maxBodyBytes: 2048)) { api in
            let padding = String(repeating: "x", count: 2048)
            let response = try await api.send(.post, "/v1/rooms", json: #"{"metadata":{"pad":"\#(padding)"}}"#)
            expectError(response, .contentTooLarge, "body_too_large")
            let fits = String(repeating: "x", count: 1900)
            #expect(try await api.send(.post, "/v1/rooms", json: #"{"metadata":{"pad":"\#(fits)"}}"#).status == .created)
        }
    }

    @Test("a body over the limit without Content-Length is cut off at the limit, not buffered")
    func tooLargeWithoutLength() async throws {
        let reader = BodyReader(limit: 16)
        let head = HTTPRequest(method: .post, scheme: "http", authority: "test", path: "/v1/rooms", headerFields: [.contentType: "application/json"])
        let large = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: #"{"id":"0123456789abcdef"}"#)))
        await #expect(throws: RequestError.bodyTooLarge(limit: 16)) { try await reader.bytes(of: large, as: .json) }
        let small = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "{}")))
        #expect(try await reader.bytes(of: small, as: .json).readableBytes == 2)
    }

    @Test("a known path with another method: 405 method_not_allowed with Allow", arguments: [
        (HTTPRequest.Method.put, "/v1/rooms", "GET, POST"), (.delete, "/v1/rooms", "GET, POST"),
        (.post, "/v1/rooms/r1", "GET, DELETE"), (.patch, "/v1/rooms/r1", "GET, DELETE"),
        (.get, "/v1/rooms/r1/participants", "POST"), (.put, "/v1/rooms/r1/participants/p1", "GET, DELETE"),
        (.get, "/v1/rooms/r1/participants/p1/publish", "POST, PATCH, DELETE"),
        (.put, "/v1/rooms/r1/participants/p1/publish", "POST, PATCH, DELETE"), (.post, "/v1/health", "GET"),
    ])
    func methodNotAllowed(method: HTTPRequest.Method, path: String, allow: String) async throws {
        try await TestServer.run { api in
            let response = try await api.send(method, path, credential: nil)
            expectError(response, .methodNotAllowed, "method_not_allowed")
            #expect(response.headers[.allow] == allow)
        }
    }
}
