import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// HTTP/1.1 over real loopback TCP for the life-cycle tests: one request with any method,
/// headers and body (`Connection: close`, read to EOF), or a connection kept open and read on a
/// thread of its own (an event stream), or one left hanging in the middle of its request.
enum HTTPExchange {
    /// A connected TCP socket to `host:port`, reads timing out after `receiveTimeout` seconds.
    static func connect(host: String, port: Int, receiveTimeout: Int = 5) throws -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(socketFD)
            throw HarnessError("not an IPv4 address: \(host)")
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socketFD)
            throw HarnessError("connect to \(host):\(port) failed: errno \(errno)")
        }
        return socketFD
    }

    static func head(_ method: String, _ path: String, host: String, port: Int, bearer: String?, contentLength: Int?) -> String {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        if let bearer { head += "Authorization: Bearer \(bearer)\r\n" }
        if let contentLength { head += "Content-Type: application/json\r\nContent-Length: \(contentLength)\r\n" }
        return head + "\r\n"
    }

    static func sendAll(_ socketFD: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw HarnessError("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// One request; the answer's status and body (chunked bodies are not decoded: the JSON
    /// answers have a length, and the tests only search event streams).
    static func request(
        _ method: String, _ path: String, host: String, port: Int, bearer: String? = nil, json: String? = nil
    ) throws -> (status: Int, body: String) {
        let socketFD = try connect(host: host, port: port)
        defer { close(socketFD) }
        let body = Array((json ?? "").utf8)
        let head = head(method, path, host: host, port: port, bearer: bearer, contentLength: json.map { _ in body.count })
        try sendAll(socketFD, Array(head.utf8) + body)
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            guard count >= 0 else { throw HarnessError("recv failed: errno \(errno)") }
            if count == 0 { break }
            received += chunk[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let headerEnd = text.range(of: "\r\n\r\n") else { throw HarnessError("no end of headers in \(text)") }
        let statusParts = text[..<headerEnd.lowerBound].split(separator: "\r\n").first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw HarnessError("bad status line in \(text)") }
        return (status, String(text[headerEnd.upperBound...]))
    }
}

/// A GET kept open and read on a thread of its own until the server ends it (an event stream),
/// recording what came and when the end came.
final class StreamingRead: Sendable {
    private struct State {
        var received = ""
        var endedAt: ContinuousClock.Instant?
        var error: String?
    }

    private let state = Mutex(State())

    /// Starts reading `path` (with `bearer`) for at most `limit` seconds.
    init(host: String, port: Int, path: String, bearer: String?, limit: Int = 30) throws {
        let socketFD = try HTTPExchange.connect(host: host, port: port, receiveTimeout: 1)
        try HTTPExchange.sendAll(
            socketFD, Array(HTTPExchange.head("GET", path, host: host, port: port, bearer: bearer, contentLength: nil).utf8))
        let thread = Thread { [self] in
            defer { close(socketFD) }
            let deadline = ContinuousClock.now + .seconds(limit)
            var chunk = [UInt8](repeating: 0, count: 4096)
            while ContinuousClock.now < deadline {
                let count = recv(socketFD, &chunk, chunk.count, 0)
                if count > 0 {
                    let text = String(decoding: chunk[0..<count], as: UTF8.self)
                    state.withLock { $0.received += text }
                } else if count == 0 {
                    state.withLock { $0.endedAt = .now }
                    return
                } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                    let failure = errno
                    state.withLock { $0.error = "recv failed: errno \(failure)" }
                    return
                }
            }
            state.withLock { $0.error = "still open after \(limit) s" }
        }
        thread.start()
    }

    var received: String { state.withLock { $0.received } }
    var endedAt: ContinuousClock.Instant? { state.withLock { $0.endedAt } }
    var error: String? { state.withLock { $0.error } }

    /// Waits (at most `timeout`) until the received text contains `marker`.
    func wait(for marker: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !received.contains(marker) {
            guard ContinuousClock.now < deadline, endedAt == nil else {
                throw HarnessError("no \"\(marker)\" within \(timeout); got: \(received) \(error ?? "")")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
