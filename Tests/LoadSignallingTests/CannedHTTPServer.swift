import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 for the HTTP client's tests: it either answers one request with
/// fixed bytes (read the whole request, write the bytes, close) or never answers at all (the
/// kernel completes the handshake, nobody reads).
///
/// Invariant: the listening socket is closed when the object goes away; the answering thread
/// serves one connection and ends.
final class CannedHTTPServer: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32

    /// Listens and never answers.
    init() throws {
        (descriptor, port) = try Self.listen()
    }

    /// Listens and answers the first request with `response`.
    convenience init(response: String) throws {
        try self.init(response: Array(response.utf8))
    }

    init(response: [UInt8]) throws {
        (descriptor, port) = try Self.listen()
        let listener = descriptor
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Self.readRequest(connection)
            response.withUnsafeBytes { bytes in
                var sent = 0
                while sent < bytes.count {
                    let count = send(connection, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    if count <= 0 { break }
                    sent += count
                }
            }
            shutdown(connection, Int32(SHUT_WR))
            close(connection)
        }
    }

    deinit { close(descriptor) }

    var url: String { "http://127.0.0.1:\(port)" }

    private static func listen() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CannedServerError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && Glibc.listen(descriptor, 4) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw CannedServerError("bind/listen: errno \(errno)")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Reads the head and a Content-Length body, so that closing sends FIN, not RST.
    private static func readRequest(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            received += buffer[..<count]
            let text = String(decoding: received, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<headEnd.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if received.count - text[..<headEnd.upperBound].utf8.count >= length { return }
        }
    }
}

struct CannedServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
