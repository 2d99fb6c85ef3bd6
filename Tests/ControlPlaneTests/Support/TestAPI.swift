import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import ServerConfig
import Testing

/// Server set-up shared by the control-plane endpoint tests.
enum TestServer {
    static let operatorKey = "op-key-alpha-0123456789"
    static let secondOperatorKey = "op-key-beta-9876543210"
    static let secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"

    static func configuration(
        maxRooms: Int = 10, maxParticipantsPerRoom: Int = 5, maxBodyBytes: Int = 4096,
        emptyTimeoutSeconds: Int = 300, tokenTTLSeconds: Int = 3600
    ) -> ServerConfiguration {
        ServerConfiguration(
            http: .init(host: "127.0.0.1", port: 0),
            udp: .init(basePort: 40000, listenIPs: ["127.0.0.1"], announcedIPs: []),
            workers: 1,
            auth: .init(
                apiKeys: [operatorKey, secondOperatorKey], tokenSecret: secret, tokenSecretIsGenerated: false,
                tokenTTLSeconds: tokenTTLSeconds),
            logLevel: .info,
            limits: .init(maxRooms: maxRooms, maxParticipantsPerRoom: maxParticipantsPerRoom, maxBodyBytes: maxBodyBytes),
            rooms: .init(emptyTimeoutSeconds: emptyTimeoutSeconds))
    }

    /// Runs `body` against an in-process router of the whole API.
    static func run(
        _ configuration: ServerConfiguration = configuration(), engine: (any MediaEngine)? = nil,
        stats: (any MediaStatsProvider)? = nil, clock: any Clock<Duration> = ManualClock(), events: RoomEventHub = RoomEventHub(),
        _ body: @escaping @Sendable (TestAPI) async throws -> Void
    ) async throws {
        let router = buildRouter(
            configuration: configuration, startedAt: .now, mediaEngine: engine, mediaStats: stats, clock: clock, events: events)
        try await Application(router: router).test(.router) { client in
            try await body(TestAPI(client: client))
        }
    }
}

/// A client of the API under test, with the operator key by default.
struct TestAPI: Sendable {
    let client: any TestClientProtocol

    /// A request with an optional bearer credential and an optional body of `contentType`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, credential: String? = TestServer.operatorKey,
        body: String? = nil, contentType: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let credential { headers[.authorization] = "Bearer \(credential)" }
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// A request with a JSON body.
    func send(_ method: HTTPRequest.Method, _ uri: String, credential: String? = TestServer.operatorKey, json: String)
        async throws -> TestResponse
    {
        try await send(method, uri, credential: credential, body: json, contentType: "application/json")
    }

    /// Creates a room (operator key) and returns its JSON.
    func createRoom(_ json: String = "{}") async throws -> [String: Any] {
        let response = try await send(.post, "/v1/rooms", json: json)
        try #require(response.status == .created, "room creation answered \(response.status): \(String(buffer: response.body))")
        return try JSONBody.object(response)
    }

    /// Adds a participant (operator key) and returns its JSON, `token` included.
    func createParticipant(room: String, _ json: String = "{}") async throws -> CreatedParticipantBody {
        let response = try await send(.post, "/v1/rooms/\(room)/participants", json: json)
        try #require(
            response.status == .created, "participant creation answered \(response.status): \(String(buffer: response.body))")
        let object = try JSONBody.object(response)
        return CreatedParticipantBody(
            id: try #require(object["id"] as? String), token: try #require(object["token"] as? String), json: object)
    }
}

/// What a participant creation answered.
struct CreatedParticipantBody: @unchecked Sendable {
    let id: String
    let token: String
    let json: [String: Any]
}

/// Reading JSON answers.
enum JSONBody {
    static func object(_ response: TestResponse) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(String(buffer: response.body))")
    }

    /// The `error.code` and `error.message` of an error answer (nil when it is not one).
    static func error(_ response: TestResponse) -> (code: String, message: String)? {
        guard let object = try? object(response), Set(object.keys) == ["error"],
            let error = object["error"] as? [String: Any], Set(error.keys) == ["code", "message"],
            let code = error["code"] as? String, let message = error["message"] as? String
        else { return nil }
        return (code, message)
    }
}

/// Checks an error answer's status and code (and that it has the API's error shape).
func expectError(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "body: \(String(buffer: response.body))", sourceLocation: sourceLocation)
    #expect(JSONBody.error(response)?.code == code, "body: \(String(buffer: response.body))", sourceLocation: sourceLocation)
}
