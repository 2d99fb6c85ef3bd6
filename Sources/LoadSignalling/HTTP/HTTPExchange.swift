/// One HTTP/1.1 request as the harness sends it: a method, a path below the endpoint's base
/// path, headers, and a body (JSON or SDP text).
///
/// Invariant: `path` starts with "/" (it may carry a query); header names and values hold no
/// CR or LF (the harness writes them itself).
struct HTTPRequest: Sendable {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// A complete HTTP response: status, headers and the whole body (decoded from Content-Length,
/// chunked or read-until-close framing).
///
/// Invariant: `body.count` never exceeds the client's response limit.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of header `name`, compared without case.
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    var isSuccess: Bool { (200..<300).contains(status) }
}
