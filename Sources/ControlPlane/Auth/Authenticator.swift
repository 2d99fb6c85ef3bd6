public import Hummingbird

/// Turns a request's credentials into a ``Credential`` (401 when they identify no one) and
/// checks the ``AccessScope`` it acts on (403).
///
/// A bearer value that is an operator key is one; otherwise a value shaped like a JWT (three
/// dot-separated parts) is a participant token, and anything else is an unknown key. `?token=`
/// is read only where the caller allows it (the event stream: a browser's EventSource cannot
/// set headers), only when there is no `Authorization` header, and only for tokens.
public struct Authenticator: Sendable {
    public let operatorKeys: OperatorKeys
    public let tokens: TokenAuthority
    public let directory: RoomDirectory

    public init(operatorKeys: OperatorKeys, tokens: TokenAuthority, directory: RoomDirectory) {
        self.operatorKeys = operatorKeys
        self.tokens = tokens
        self.directory = directory
    }

    /// The credential of `request`, checked against `scope`.
    public func authorize(
        _ request: Request, for scope: AccessScope, acceptsQueryToken: Bool = false
    ) async throws(AuthError) -> Credential {
        let credential = try await authenticate(request, acceptsQueryToken: acceptsQueryToken)
        try credential.authorize(scope)
        return credential
    }

    /// The credential of `request`, whatever it acts on.
    public func authenticate(_ request: Request, acceptsQueryToken: Bool = false) async throws(AuthError) -> Credential {
        let headers = request.headers[values: .authorization]
        guard headers.count <= 1 else { throw .malformedCredentials("the request has more than one Authorization header.") }
        if let header = headers.first {
            let value = try Self.bearerValue(header)
            if operatorKeys.matches(value) { return .operatorKey }
            guard Self.isTokenShaped(value) else { throw .unknownKey }
            return .participant(try await participantToken(String(value)))
        }
        if acceptsQueryToken, let token = request.uri.queryParameters.get("token") {
            guard Self.isTokenShaped(token) else { throw .malformedCredentials("?token= is not a participant token.") }
            return .participant(try await participantToken(token))
        }
        throw .missingCredentials
    }

    private func participantToken(_ token: String) async throws(AuthError) -> ParticipantToken {
        let claims = try await tokens.verify(token)
        guard await directory.isCurrentToken(claims.jti, participant: claims.sub, room: claims.room) else {
            throw .tokenRevoked
        }
        return claims
    }

    /// The token of `Bearer <token>` (scheme without case, RFC 6750 §2.1 token characters).
    static func bearerValue(_ header: String) throws(AuthError) -> Substring {
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .malformedCredentials("expected \"Authorization: Bearer <credential>\".")
        }
        let value = parts[1]
        let body = value.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard !body.isEmpty, body.allSatisfy(Self.isTokenCharacter) else {
            throw .malformedCredentials("the bearer credential has characters a token cannot have.")
        }
        return value
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/")]
            .contains(byte)
    }

    /// Three non-empty parts separated by dots, as every JWS compact serialization is.
    private static func isTokenShaped(_ value: some StringProtocol) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty }
    }
}
