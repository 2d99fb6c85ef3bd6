public import Hummingbird

/// `POST /v1/rooms`, `GET /v1/rooms` and `GET`/`DELETE /v1/rooms/{room}`.
///
/// Creating, listing and deleting rooms takes an operator key; reading one room also takes a
/// token of a participant of that room.
public struct RoomsController: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    public let bodies: BodyReader

    public init(directory: RoomDirectory, authenticator: Authenticator, bodies: BodyReader) {
        self.directory = directory
        self.authenticator = authenticator
        self.bodies = bodies
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.post("/v1/rooms") { request, _ in try await create(request) }
        router.get("/v1/rooms") { request, _ in try await list(request) }
        router.rejectOtherMethods(on: "/v1/rooms", allowing: [.get, .post])
        router.get("/v1/rooms/{room}") { request, context in
            try await room(request, id: context.parameters.get("room") ?? "")
        }
        router.delete("/v1/rooms/{room}") { request, context in
            try await delete(request, id: context.parameters.get("room") ?? "")
        }
        router.rejectOtherMethods(on: "/v1/rooms/{room}", allowing: [.get, .delete])
    }

    func create(_ request: Request) async throws -> EditedResponse<Room> {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        let creation = try await bodies.json(RoomCreation.self, from: request)
        return EditedResponse(status: .created, response: try await directory.createRoom(creation))
    }

    func list(_ request: Request) async throws -> RoomList {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        return RoomList(rooms: await directory.rooms())
    }

    func room(_ request: Request, id: String) async throws -> Room {
        _ = try await authenticator.authorize(request, for: .room(id))
        return try await directory.room(id)
    }

    func delete(_ request: Request, id: String) async throws -> HTTPResponse.Status {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        try await directory.deleteRoom(id)
        return .noContent
    }
}

/// The body of `GET /v1/rooms`.
public struct RoomList: ResponseEncodable, Hashable, Sendable {
    public let rooms: [Room]
}

extension Room: ResponseEncodable {}
