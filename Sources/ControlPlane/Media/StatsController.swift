public import Hummingbird

/// `GET /v1/rooms/{room}/participants/{participant}/stats`: the participant's
/// RTCStatsReport-style figures, `{"timestamp": T, "stats": [...]}` (API.md "Stats"); and
/// `GET /v1/rooms/{room}/stats`: every participant's entries in one report (``RoomStatsEntries``).
///
/// Credentials: for a participant's report, as for the other participant endpoints, an
/// operator key or the participant's own token (401/403), then the participant must exist
/// (404); a room's report shows every participant, so it takes an operator key (a token gets
/// 403), then the room must exist (404).
public struct StatsController: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    /// nil: the server has no media side, so every report is empty.
    public let provider: (any MediaStatsProvider)?

    public init(directory: RoomDirectory, authenticator: Authenticator, provider: (any MediaStatsProvider)?) {
        self.directory = directory
        self.authenticator = authenticator
        self.provider = provider
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path: RouterPath = "/v1/rooms/{room}/participants/{participant}/stats"
        router.get(path) { request, context in
            try await report(request, room: context.parameters.get("room") ?? "", participant: context.parameters.get("participant") ?? "")
        }
        router.rejectOtherMethods(on: path, allowing: [.get])
        let roomPath: RouterPath = "/v1/rooms/{room}/stats"
        router.get(roomPath) { request, context in
            try await roomReport(request, room: context.parameters.get("room") ?? "")
        }
        router.rejectOtherMethods(on: roomPath, allowing: [.get])
    }

    func report(_ request: Request, room: String, participant: String) async throws -> StatsReport {
        _ = try await authenticator.authorize(request, for: .participant(room: room, participant: participant))
        _ = try await directory.participant(participant, in: room)
        let timestamp = UnixTime.milliseconds()
        let stats = await provider?.participantStats(room: room, participant: participant, timestamp: timestamp) ?? []
        return StatsReport(timestamp: timestamp, stats: stats)
    }

    func roomReport(_ request: Request, room: String) async throws -> StatsReport {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        let participants = try await directory.room(room).participants.map(\.id)
        let timestamp = UnixTime.milliseconds()
        let reports = await provider?.roomStats(room: room, participants: participants, timestamp: timestamp) ?? []
        return StatsReport(timestamp: timestamp, stats: RoomStatsEntries.merged(reports))
    }
}

/// The body of a stats answer.
public struct StatsReport: ResponseEncodable, Hashable, Sendable {
    /// Unix milliseconds when the report was made.
    public let timestamp: Int64
    public let stats: [JSONValue]
}
