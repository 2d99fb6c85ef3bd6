import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 GET over a real loopback TCP socket (`Connection: close`, read to EOF),
/// so the process tests depend on nothing but the kernel.
struct HTTPGetResponse {
    let status: Int
    /// Header names in lower case.
    let headers: [String: String]
    let body: Data

    static func fetch(host: String, port: Int, path: String) throws -> HTTPGetResponse {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw HarnessError("not an IPv4 address: \(host)") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw HarnessError("connect to \(host):\(port) failed: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(socketFD, request, request.count, 0) == request.count else {
            throw HarnessError("send failed: errno \(errno)")
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            guard count >= 0 else { throw HarnessError("recv failed: errno \(errno)") }
            if count == 0 { break }
            received.append(contentsOf: chunk[0..<count])
        }
        return try parse(received)
    }

    private static func parse(_ data: Data) throws -> HTTPGetResponse {
        guard let headerEnd = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw HarnessError("no end of headers in \(String(decoding: data, as: UTF8.self))")
        }
        let lines = String(decoding: data[..<headerEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw HarnessError("bad status line: \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPGetResponse(status: status, headers: headers, body: Data(data[headerEnd.upperBound...]))
    }
}
