import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServerConfig
import Testing

@Suite("GET /v1/health and error answers")
struct HealthEndpointTests {
    static func configuration(workers: Int) -> ServerConfiguration {
        ServerConfiguration(
            http: .init(host: "127.0.0.1", port: 0),
            udp: .init(basePort: 40000, listenIPs: ["127.0.0.1"], announcedIPs: []),
            workers: workers,
            auth: .init(apiKeys: [], tokenSecret: String(repeating: "x", count: 32), tokenSecretIsGenerated: false, tokenTTLSeconds: 60),
            logLevel: .info,
            limits: .init(maxRooms: 10, maxParticipantsPerRoom: 10, maxBodyBytes: 65536),
            rooms: .init(emptyTimeoutSeconds: 300))
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8))
        return try #require(object as? [String: Any])
    }

    @Test("reports ok, the version, the configured workers and the uptime")
    func health() async throws {
        let began = ContinuousClock.now
        let app = buildApplication(
            configuration: Self.configuration(workers: 3), logger: Logger(label: "test"), mediaEngine: nil,
            startedAt: .now - .seconds(5))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try Self.json(response.body)
                #expect(Set(body.keys) == ["status", "version", "workers", "uptimeSeconds"])
                #expect(body["status"] as? String == "ok")
                #expect(body["version"] as? String == SwitchboardVersion.current)
                #expect(body["workers"] as? Int == 3)
                let uptime = try #require(body["uptimeSeconds"] as? Int)
                // At least the 5 s it was started before; at most that plus however long this
                // test has taken (a loaded machine may be slow, so the bound is measured).
                let elapsed = Int((ContinuousClock.now - began).components.seconds)
                #expect((5...(6 + elapsed)).contains(uptime))
            }
        }
    }

    @Test("an unknown path answers 404 with the API error body")
    func unknownPath() async throws {
        let app = buildApplication(configuration: Self.configuration(workers: 1), logger: Logger(label: "test"), mediaEngine: nil)
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try Self.json(response.body)
                #expect(Set(body.keys) == ["error"])
                let error = try #require(body["error"] as? [String: Any])
                #expect(Set(error.keys) == ["code", "message"])
                #expect(error["code"] as? String == "not_found")
                let message = try #require(error["message"] as? String)
                #expect(message.contains("/v1/nothing-here"))
            }
        }
    }

    @Test("HTTPError and unexpected errors also answer with the API error body")
    func errorMapping() async throws {
        struct Unexpected: Error {}
        let router = Router()
        router.add(middleware: APIErrorMiddleware())
        router.get("/bad") { _, _ -> String in throw HTTPError(.badRequest, message: "Line 3 is broken.") }
        router.get("/boom") { _, _ -> String in throw Unexpected() }
        router.get("/conflict") { _, _ -> String in
            throw APIError(status: .conflict, code: "room_exists", message: "Room a exists.")
        }
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/bad", method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try #require(try Self.json(response.body)["error"] as? [String: String])
                #expect(error == ["code": "bad_request", "message": "Line 3 is broken."])
            }
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let error = try #require(try Self.json(response.body)["error"] as? [String: String])
                #expect(error["code"] == "internal_error")
                #expect(error["message"]?.contains("Unexpected") == false)
            }
            try await client.execute(uri: "/conflict", method: .get) { response in
                #expect(response.status == .conflict)
                let error = try #require(try Self.json(response.body)["error"] as? [String: String])
                #expect(error == ["code": "room_exists", "message": "Room a exists."])
            }
        }
    }

    @Test("default codes are the status reason in snake_case", arguments: [
        (HTTPResponse.Status.notFound, "not_found"), (.methodNotAllowed, "method_not_allowed"),
        (.unsupportedMediaType, "unsupported_media_type"), (.serviceUnavailable, "service_unavailable"),
        (.internalServerError, "internal_error"), (.badRequest, "bad_request"),
    ])
    func codes(status: HTTPResponse.Status, code: String) {
        #expect(APIError.code(for: status) == code)
    }
}
