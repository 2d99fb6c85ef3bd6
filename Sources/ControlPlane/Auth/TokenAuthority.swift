import Foundation
import JWTKit

/// Issues and verifies participant tokens with the server's HS256 secret (`auth.tokenSecret`).
///
/// Invariants: a token lives at most `defaultLifetimeSeconds` (`auth.tokenTtlSeconds`); a
/// shorter lifetime may be asked for, a longer one is cut to the default. Verification checks
/// the signature first, then the issuer and expiry (``ParticipantToken/verify(using:)``).
public struct TokenAuthority: Sendable {
    public let defaultLifetimeSeconds: Int
    /// jwt-kit's key collection is an actor filled asynchronously; the task finishes at once
    /// and every use awaits it, so the authority can be made synchronously.
    private let keys: Task<JWTKeyCollection, Never>

    public init(secret: String, defaultLifetimeSeconds: Int) {
        self.defaultLifetimeSeconds = defaultLifetimeSeconds
        let key = HMACKey(from: secret)
        keys = Task { await JWTKeyCollection().add(hmac: key, digestAlgorithm: .sha256) }
    }

    /// A signed token for the participant, living `lifetimeSeconds` (cut to the default) or the
    /// default lifetime.
    public func issue(
        participant: String, room: String, permissions: Permissions, tokenID: String, lifetimeSeconds: Int?
    ) async throws -> (token: String, claims: ParticipantToken) {
        let lifetime = min(lifetimeSeconds ?? defaultLifetimeSeconds, defaultLifetimeSeconds)
        let issuedAt = Int64(Date().timeIntervalSince1970.rounded(.down))
        let claims = ParticipantToken(
            participant: participant, room: room, permissions: permissions, issuedAt: issuedAt,
            expiresAt: issuedAt + Int64(lifetime), tokenID: tokenID)
        return (try await keys.value.sign(claims), claims)
    }

    /// The claims of a token this server signed and that has not expired.
    public func verify(_ token: String) async throws(AuthError) -> ParticipantToken {
        do {
            return try await keys.value.verify(token, as: ParticipantToken.self)
        } catch let error as AuthError {
            throw error
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .invalidSignature
        } catch {
            throw .malformedCredentials("the participant token does not decode.")
        }
    }

    /// A fresh `jti`: 128 random bits as 32 hex digits.
    public static func newTokenID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
