import Hummingbird

/// Why a request's credentials were refused: 401 when they do not identify anyone, 403 when
/// they do but may not do this.
///
/// Invariant: each case has one status and one stable code (see ``apiError``); messages never
/// repeat the presented key or token. Every 401 carries `WWW-Authenticate: Bearer` (RFC 6750).
public enum AuthError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 401 `missing_credentials`: no `Authorization` header (nor `?token=` where accepted).
    case missingCredentials
    /// 401 `malformed_credentials`: not `Bearer <token>`, or a token that does not decode.
    case malformedCredentials(String)
    /// 401 `invalid_signature`: a participant token not signed with this server's secret.
    case invalidSignature
    /// 401 `token_expired`: a participant token past its `exp`.
    case tokenExpired
    /// 401 `unknown_key`: neither an operator key of this server nor a token.
    case unknownKey
    /// 401 `token_revoked`: a valid token whose participant has left or whose room has closed.
    case tokenRevoked
    /// 403 `operator_only`: a participant token on an endpoint for operator keys.
    case operatorOnly
    /// 403 `other_room`: a participant token used on another room.
    case otherRoom(String)
    /// 403 `other_participant`: a participant token used for another participant.
    case otherParticipant(String)
    /// 403 `permission_denied`: the participant lacks the permission the endpoint needs.
    case permissionMissing(Permission)

    public var apiError: APIError {
        switch self {
        case .missingCredentials: unauthorized("missing_credentials", tokenError: false)
        case .malformedCredentials: unauthorized("malformed_credentials", tokenError: true)
        case .invalidSignature: unauthorized("invalid_signature", tokenError: true)
        case .tokenExpired: unauthorized("token_expired", tokenError: true)
        case .unknownKey: unauthorized("unknown_key", tokenError: true)
        case .tokenRevoked: unauthorized("token_revoked", tokenError: true)
        case .operatorOnly: APIError(status: .forbidden, code: "operator_only", message: description)
        case .otherRoom: APIError(status: .forbidden, code: "other_room", message: description)
        case .otherParticipant: APIError(status: .forbidden, code: "other_participant", message: description)
        case .permissionMissing: APIError(status: .forbidden, code: "permission_denied", message: description)
        }
    }

    public var description: String {
        switch self {
        case .missingCredentials:
            "This endpoint needs \"Authorization: Bearer <operator key or participant token>\"."
        case .malformedCredentials(let why):
            "The credentials are malformed: \(why)"
        case .invalidSignature:
            "The participant token is not signed by this server."
        case .tokenExpired:
            "The participant token has expired."
        case .unknownKey:
            "The bearer credential is not an operator key of this server."
        case .tokenRevoked:
            "The participant token's participant has left or its room has closed."
        case .operatorOnly:
            "Only an operator key may call this endpoint."
        case .otherRoom(let room):
            "The participant token is for room \(room), not this one."
        case .otherParticipant(let participant):
            "The participant token is for participant \(participant), not this one."
        case .permissionMissing(let permission):
            "The participant does not have the \(permission) permission."
        }
    }

    private func unauthorized(_ code: String, tokenError: Bool) -> APIError {
        let challenge = tokenError ? "Bearer realm=\"switchboard\", error=\"invalid_token\"" : "Bearer realm=\"switchboard\""
        return APIError(status: .unauthorized, code: code, message: description, headers: [.wwwAuthenticate: challenge])
    }
}
