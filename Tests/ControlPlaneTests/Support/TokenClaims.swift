import Foundation
import JWTKit
import Testing

/// A participant token's claims as the tests read and forge them, decoded independently of the
/// server's own claims type.
struct TokenClaims: JWTPayload, Equatable {
    var iss: String
    var sub: String
    var room: String
    var permissions: [String: Bool]
    var iat: Int64
    var exp: Int64
    var jti: String

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// The claims of a token signed with `secret` (throws when the signature does not match).
    static func decode(_ token: String, secret: String = TestServer.secret) async throws -> TokenClaims {
        try await keys(secret).verify(token, as: TokenClaims.self)
    }

    /// These claims signed HS256 with `secret`.
    func signed(secret: String = TestServer.secret) async throws -> String {
        try await Self.keys(secret).sign(self)
    }

    /// The token's JOSE header as JSON.
    static func header(_ token: String) throws -> [String: Any] {
        var part = String(token.split(separator: ".")[0]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while part.count % 4 != 0 { part += "=" }
        let data = try #require(Data(base64Encoded: part))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static var nowSeconds: Int64 { Int64(Date().timeIntervalSince1970) }

    private static func keys(_ secret: String) async -> JWTKeyCollection {
        await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }
}
