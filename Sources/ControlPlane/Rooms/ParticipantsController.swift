public import Hummingbird

/// `POST /v1/rooms/{room}/participants` (operator key) and `GET`/`DELETE
/// /v1/rooms/{room}/participants/{participant}` (operator key, or that participant's token:
/// `DELETE` with its own token is leaving).
public struct ParticipantsController: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    public let bodies: BodyReader

    public init(directory: RoomDirectory, authenticator: Authenticator, bodies: BodyReader) {
        self.directory = directory
        self.authenticator = authenticator
        self.bodies = bodies
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.post("/v1/rooms/{room}/participants") { request, context in
            try await create(request, room: context.parameters.get("room") ?? "")
        }
        router.rejectOtherMethods(on: "/v1/rooms/{room}/participants", allowing: [.post])
        let path: RouterPath = "/v1/rooms/{room}/participants/{participant}"
        router.get(path) { request, context in
            try await participant(
                request, room: context.parameters.get("room") ?? "", id: context.parameters.get("participant") ?? "")
        }
        router.delete(path) { request, context in
            try await delete(
                request, room: context.parameters.get("room") ?? "", id: context.parameters.get("participant") ?? "")
        }
        router.rejectOtherMethods(on: path, allowing: [.get, .delete])
    }

    /// Adds the participant, then signs its token; if signing fails the participant is removed
    /// again, so no participant exists without a token.
    func create(_ request: Request, room: String) async throws -> EditedResponse<CreatedParticipant> {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        let creation = try await bodies.json(ParticipantCreation.self, from: request)
        let tokenID = TokenAuthority.newTokenID()
        let participant = try await directory.addParticipant(creation, tokenID: tokenID, to: room)
        do {
            let issued = try await authenticator.tokens.issue(
                participant: participant.id, room: room, permissions: participant.permissions, tokenID: tokenID,
                lifetimeSeconds: creation.tokenTtlSeconds)
            return EditedResponse(
                status: .created,
                response: CreatedParticipant(participant: participant, token: issued.token, tokenExpiresAt: issued.claims.exp * 1000))
        } catch {
            try? await directory.removeParticipant(participant.id, from: room)
            throw error
        }
    }

    func participant(_ request: Request, room: String, id: String) async throws -> Participant {
        _ = try await authenticator.authorize(request, for: .participant(room: room, participant: id))
        return try await directory.participant(id, in: room)
    }

    func delete(_ request: Request, room: String, id: String) async throws -> HTTPResponse.Status {
        _ = try await authenticator.authorize(request, for: .participant(room: room, participant: id))
        try await directory.removeParticipant(id, from: room)
        return .noContent
    }
}

/// The answer of `POST …/participants`: the Participant plus its `token` and, as a convenience,
/// `tokenExpiresAt` (the token's `exp` in milliseconds since the Unix epoch).
public struct CreatedParticipant: ResponseEncodable, Hashable, Sendable {
    public let participant: Participant
    public let token: String
    public let tokenExpiresAt: Int64

    private enum CodingKeys: String, CodingKey {
        case token, tokenExpiresAt
    }

    public func encode(to encoder: any Encoder) throws {
        try participant.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(tokenExpiresAt, forKey: .tokenExpiresAt)
    }
}

extension Participant: ResponseEncodable {}
