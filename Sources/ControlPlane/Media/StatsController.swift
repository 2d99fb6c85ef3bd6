public import Hummingbird

/// `GET /v1/rooms/{room}/participants/{participant}/stats`: the participant's
/// RTCStatsReport-style figures, `{"timestamp": T, "stats": [...]}` (API.md "Stats").
///
/// Credentials as for the other participant endpoints: an operator key or the participant's
/// own token (401/403), then the participant must exist (404).
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
    }

    func report(_ request: Request, room: String, participant: String) async throws -> StatsReport {
        _ = try await authenticator.authorize(request, for: .participant(room: room, participant: participant))
        _ = try await directory.participant(participant, in: room)
        let timestamp = UnixTime.milliseconds()
        let stats = await provider?.participantStats(room: room, participant: participant, timestamp: timestamp) ?? []
        return StatsReport(timestamp: timestamp, stats: stats)
    }
}

/// The body of a stats answer.
public struct StatsReport: ResponseEncodable, Hashable, Sendable {
    /// Unix milliseconds when the report was made.
    public let timestamp: Int64
    public let stats: [JSONValue]
}
