public import Hummingbird

/// An error answered with the API's error body, `{"error":{"code":"…","message":"…"}}`.
///
/// Invariants: `code` is snake_case and stable (clients switch on it); `message` is a human
/// sentence that never contains a secret; `headers` are added to the answer (`Allow` on a 405,
/// `WWW-Authenticate` on a 401).
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// An error whose code is the conventional one for `status` (see ``code(for:)``).
    public init(status: HTTPResponse.Status, message: String) {
        self.init(status: status, code: Self.code(for: status), message: message)
    }

    /// 404 `not_found`.
    public static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, message: message)
    }

    /// The code used for a status when no more specific one applies: `not_found`,
    /// `payload_too_large`, ... (the reason phrase in snake_case, `internal_error` for 500).
    public static func code(for status: HTTPResponse.Status) -> String {
        if status == .internalServerError {
            return "internal_error"
        }
        var code = ""
        var pendingSeparator = false
        for character in status.reasonPhrase.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSeparator, !code.isEmpty { code.append("_") }
                code.append(character)
                pendingSeparator = false
            } else {
                pendingSeparator = true
            }
        }
        return code.isEmpty ? "http_\(status.code)" : code
    }

    public var description: String {
        "\(status.code) \(code): \(message)"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(
            APIErrorBody(error: .init(code: code, message: message)), from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// The JSON body of every error answer.
public struct APIErrorBody: Codable, Sendable, Hashable {
    /// The `error` object: a machine-readable code and a human message.
    public struct Detail: Codable, Sendable, Hashable {
        public let code: String
        public let message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public let error: Detail

    public init(error: Detail) {
        self.error = error
    }
}
