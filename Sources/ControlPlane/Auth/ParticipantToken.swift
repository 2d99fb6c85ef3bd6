import Foundation
public import JWTKit

/// The claims of a participant token: a JWT signed HS256 with the server's secret.
///
/// Invariants: `iss` is ``issuer``; `sub` is the participant's id and `room` its room's;
/// `iat` and `exp` are Unix seconds with `iat < exp`; `jti` is unique to this token (the
/// directory keeps it, so a token of a participant that left does not act for a later
/// participant with the same id). `permissions` are those the participant was created with
/// (the directory's copy is the one enforced).
public struct ParticipantToken: JWTPayload, Hashable {
    public static let issuer = "switchboard"

    public let iss: String
    public let sub: String
    public let room: String
    public let permissions: Permissions
    public let iat: Int64
    public let exp: Int64
    public let jti: String

    public init(participant: String, room: String, permissions: Permissions, issuedAt: Int64, expiresAt: Int64, tokenID: String) {
        self.iss = Self.issuer
        self.sub = participant
        self.room = room
        self.permissions = permissions
        self.iat = issuedAt
        self.exp = expiresAt
        self.jti = tokenID
    }

    /// Called by jwt-kit once the signature checked out: the issuer must be Switchboard and the
    /// token unexpired (`exp` is the first second at which it is refused).
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        guard iss == Self.issuer else { throw AuthError.malformedCredentials("the token's issuer is not \(Self.issuer).") }
        guard Int64(Date().timeIntervalSince1970.rounded(.down)) < exp else { throw AuthError.tokenExpired }
    }
}
