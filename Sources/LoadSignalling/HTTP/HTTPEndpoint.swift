public import LoadModel

/// Where a server's HTTP API is: host, port and the path every request starts with, read from a
/// URL such as `http://127.0.0.1:8080` or `http://127.0.0.1:8088/janus`.
///
/// Invariants: `host` is non-empty (an IPv6 literal without its brackets); `basePath` is empty
/// or starts with "/" and never ends with "/". Only plain `http` is supported: the harness talks
/// to servers on networks the user controls, mostly loopback.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let basePath: String

    public init(url: String) throws(SignallingError) {
        let prefix = "http://"
        guard url.lowercased().hasPrefix(prefix) else {
            throw .unreachable("\"\(url)\" is not an http:// URL (https is not supported)")
        }
        let rest = url.dropFirst(prefix.count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = rest[authorityEnd...]
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        while path.hasSuffix("/") { path = path.dropLast() }

        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .unreachable("\"\(url)\": unterminated IPv6 literal") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .unreachable("\"\(url)\": unexpected text after the IPv6 literal") }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains("@") else { throw .unreachable("\"\(url)\" names no host") }
        var port = 80
        if let portPart {
            guard let number = Int(portPart), (1...65_535).contains(number) else {
                throw .unreachable("\"\(url)\": the port must be a number in 1–65535")
            }
            port = number
        }
        host = String(hostPart)
        self.port = port
        basePath = String(path)
    }

    /// The `Host` header's value.
    var hostHeader: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public var description: String { "http://\(hostHeader)\(basePath)" }
}
