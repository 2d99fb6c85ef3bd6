import Hummingbird

/// The checks every call on a participant's transports starts with, in the API's order:
/// credentials for that participant (401/403), the participant itself (404), the permission the
/// call needs (403 `permission_denied`), and a media engine to serve it (503 `media_unavailable`).
///
/// Invariant: holds no state of its own; `mediaEngine` nil means the server runs without media.
public struct ParticipantMediaAccess: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    public let mediaEngine: (any MediaEngine)?

    public init(directory: RoomDirectory, authenticator: Authenticator, mediaEngine: (any MediaEngine)?) {
        self.directory = directory
        self.authenticator = authenticator
        self.mediaEngine = mediaEngine
    }

    /// The room and participant ids of a `/v1/rooms/{room}/participants/{participant}/…` path.
    static func target(_ context: some RequestContext) -> (room: String, participant: String) {
        (context.parameters.get("room") ?? "", context.parameters.get("participant") ?? "")
    }

    /// The engine and the participant's permissions, once `request` may act on the participant
    /// with `permission`.
    func authorize(
        _ request: Request, _ target: (room: String, participant: String), needing permission: Permission
    ) async throws -> (engine: any MediaEngine, permissions: Permissions) {
        _ = try await authenticator.authorize(request, for: .participant(room: target.room, participant: target.participant))
        let permissions = try await directory.permissions(of: target.participant, in: target.room)
        guard permissions.allows(permission) else { throw AuthError.permissionMissing(permission) }
        guard let mediaEngine else { throw PublishError.mediaUnavailable }
        return (mediaEngine, permissions)
    }
}
