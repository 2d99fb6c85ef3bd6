import Hummingbird

/// Why a request's body or headers are unusable, before any room state is looked at.
///
/// Invariant: each case has one status and one stable code (see ``apiError``); messages name the
/// field or header concerned and never echo more than a short piece of the client's input.
public enum RequestError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 415 `unsupported_media_type`: the body's `Content-Type` is missing or another type.
    case unsupportedMediaType(expected: MediaType, received: String?)
    /// 413 `body_too_large`: the body has more than `limit` bytes.
    case bodyTooLarge(limit: Int)
    /// 400 `invalid_json`: the body does not parse as JSON, or is not a JSON object.
    case invalidJSON(String)
    /// 400 `invalid_field`: a field has the wrong type or is out of range.
    case invalidField(field: String, problem: String)
    /// 400 `invalid_identifier`: an identifier in the body breaks `[A-Za-z0-9_.-]{1,64}`.
    case invalidIdentifier(field: String, value: String)
    /// 400 `invalid_encoding`: a text body (SDP) is not UTF-8.
    case notUTF8

    public var apiError: APIError {
        switch self {
        case .unsupportedMediaType: APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: description)
        case .bodyTooLarge: APIError(status: .contentTooLarge, code: "body_too_large", message: description)
        case .invalidJSON: APIError(status: .badRequest, code: "invalid_json", message: description)
        case .invalidField: APIError(status: .badRequest, code: "invalid_field", message: description)
        case .invalidIdentifier: APIError(status: .badRequest, code: "invalid_identifier", message: description)
        case .notUTF8: APIError(status: .badRequest, code: "invalid_encoding", message: description)
        }
    }

    public var description: String {
        switch self {
        case .unsupportedMediaType(let expected, let received):
            let got = received.map { "Content-Type \(Self.shortened($0))" } ?? "no Content-Type"
            return "This endpoint takes \(expected) bodies; the request has \(got)."
        case .bodyTooLarge(let limit):
            return "The request body is larger than \(limit) bytes."
        case .invalidJSON(let why):
            return "The body is not a usable JSON object: \(why)"
        case .invalidField(let field, let problem):
            return "Field \(field) \(problem)."
        case .invalidIdentifier(let field, let value):
            return "Field \(field) is \"\(Self.shortened(value))\"; identifiers are 1–64 characters of A-Z a-z 0-9 _ . - (not \".\" or \"..\")."
        case .notUTF8:
            return "The body is not UTF-8 text."
        }
    }

    /// Client input shown in a message, cut to 80 characters.
    static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
