import Foundation
public import Hummingbird
import NIOCore

/// Reads request bodies under the server's size limit and content-type rules.
///
/// Checks, in order: a `Content-Type` of another type (415), a `Content-Length` over the limit
/// (413, before reading), the bytes actually sent over the limit (413), then what the caller
/// asked for (a missing `Content-Type` is 415 unless the body is empty and empty is allowed).
/// Invariant: never buffers more than `limit` bytes of a body.
public struct BodyReader: Sendable {
    /// Largest body accepted, in bytes (`limits.maxBodyBytes`).
    public let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    /// The whole body, which must be of `mediaType`; with `allowsEmpty`, an empty body without a
    /// `Content-Type` is accepted too.
    public func bytes(of request: Request, as mediaType: MediaType, allowsEmpty: Bool = false) async throws -> ByteBuffer {
        let contentType = request.headers[.contentType]
        if let contentType, !mediaType.matches(contentType: contentType) {
            throw RequestError.unsupportedMediaType(expected: mediaType, received: contentType)
        }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw RequestError.bodyTooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw RequestError.bodyTooLarge(limit: limit)
        }
        if contentType == nil, !(allowsEmpty && body.readableBytes == 0) {
            throw RequestError.unsupportedMediaType(expected: mediaType, received: nil)
        }
        return body
    }

    /// The body as UTF-8 text of `mediaType` (SDP, trickle fragments).
    public func text(of request: Request, as mediaType: MediaType) async throws -> String {
        let body = try await bytes(of: request, as: mediaType)
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw RequestError.notUTF8
        }
        return text
    }

    /// The body as a JSON object decoded into `type`; an empty body (with or without
    /// `Content-Type: application/json`) decodes as `{}`.
    public func json<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        let body = try await bytes(of: request, as: .json, allowsEmpty: true)
        let data = body.readableBytes == 0 ? Data("{}".utf8) : Data(body.readableBytesView)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw Self.requestError(error)
        }
    }

    /// The 400 that a decoding failure stands for: JSON syntax, a body that is not an object, or
    /// a field of the wrong type.
    static func requestError(_ error: DecodingError) -> RequestError {
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return .invalidJSON("expected an object, found another JSON value.")
        case .typeMismatch(let type, let context):
            return .invalidField(field: fieldName(context.codingPath), problem: "must be \(expectation(type))")
        case .valueNotFound(let type, let context):
            return .invalidField(field: fieldName(context.codingPath), problem: "must be \(expectation(type)), not null")
        case .keyNotFound(let key, let context):
            return .invalidField(field: fieldName(context.codingPath + [key]), problem: "is required")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .invalidJSON(Self.underlyingReason(context))
        case .dataCorrupted(let context):
            return .invalidField(field: fieldName(context.codingPath), problem: "is unusable: \(context.debugDescription)")
        @unknown default:
            return .invalidJSON("\(error)")
        }
    }

    private static func underlyingReason(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError {
            return "\(context.debugDescription) \(underlying)"
        }
        return context.debugDescription
    }

    private static func fieldName(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return name.isEmpty ? "(body)" : name
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type: return "an integer"
        case is String.Type: return "a string"
        case is [String: JSONValue].Type: return "an object"
        default: return "a \(type)"
        }
    }
}
