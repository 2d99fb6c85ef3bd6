import LoadModel
@testable import LoadSignalling
import Testing

@Suite struct HTTPClientTests {
    private func client(_ server: CannedHTTPServer, timeout: Duration = .seconds(5), limit: Int = 1 << 20) throws -> HTTPClient {
        HTTPClient(endpoint: try HTTPEndpoint(url: server.url), timeout: timeout, responseLimit: limit)
    }

    @Test func readsAContentLengthBody() async throws {
        let server = try CannedHTTPServer(
            response: "HTTP/1.1 201 Created\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n")
        let response = try await client(server).send(HTTPRequest(method: "POST", path: "/x", body: Array("hello".utf8)), step: "test")
        #expect(response.status == 201)
        #expect(response.header("content-type") == "application/sdp")
        #expect(response.text == "v=0\r\n")
    }

    @Test func readsAChunkedBody() async throws {
        let server = try CannedHTTPServer(
            response: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n[{\"j\r\n9\r\nanus\":1}]\r\n0\r\n\r\n")
        let response = try await client(server).send(HTTPRequest(method: "GET", path: "/poll"), step: "test")
        #expect(response.status == 200)
        #expect(response.text == "[{\"janus\":1}]")
    }

    @Test func readsABodyThatEndsWithTheConnection() async throws {
        let server = try CannedHTTPServer(response: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end")
        let response = try await client(server).send(HTTPRequest(method: "GET", path: "/"), step: "test")
        #expect(response.text == "until the end")
    }

    @Test func aBodyOverTheLimitFails() async throws {
        let body = String(repeating: "x", count: 5000)
        let server = try CannedHTTPServer(response: "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + body)
        await #expect(throws: SignallingError.malformed(step: "big", reason: "the response is larger than 1000 bytes")) {
            _ = try await client(server, limit: 1000).send(HTTPRequest(method: "GET", path: "/"), step: "big")
        }
    }

    @Test func aSilentServerTimesOut() async throws {
        // Only the client's own timeout ends a request with `timedOut` (the server never answers).
        let server = try CannedHTTPServer()
        await #expect(throws: SignallingError.timedOut(step: "silent")) {
            _ = try await client(server, timeout: .milliseconds(300)).send(HTTPRequest(method: "GET", path: "/"), step: "silent")
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let port: Int
        do {
            let server = try CannedHTTPServer()
            port = server.port
        }
        let client = HTTPClient(endpoint: try HTTPEndpoint(url: "http://127.0.0.1:\(port)"), timeout: .seconds(5))
        await #expect {
            _ = try await client.send(HTTPRequest(method: "GET", path: "/"), step: "closed")
        } throws: { error in
            guard case .unreachable(let reason) = error as? SignallingError else { return false }
            return reason.hasPrefix("closed: cannot connect to http://127.0.0.1:\(port)")
        }
    }

    @Test func cancellingTheTaskEndsTheRequest() async throws {
        let server = try CannedHTTPServer()
        // The request's own timeout is 30 s: the `cancelled` error (not `timedOut`) shows that
        // the cancellation ended it.
        let client = try client(server, timeout: .seconds(30))
        let task = Task { try await client.send(HTTPRequest(method: "GET", path: "/"), step: "cancelled") }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: SignallingError.unreachable("cancelled: cancelled")) { _ = try await task.value }
    }
}
