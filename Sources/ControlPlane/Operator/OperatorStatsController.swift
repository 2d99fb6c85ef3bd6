public import Hummingbird

/// `GET /v1/stats` (operator key) and `GET /metrics` (operator key, or none when
/// `metrics.public` is set): the server-wide figures as JSON (`OperatorStatsReport`) and as
/// Prometheus text (`OperatorMetrics`), both from the sampler's last two samples and the
/// directory's rooms. Other methods get 405, missing or bad credentials 401, a participant
/// token 403 (as the other operator endpoints).
///
/// Invariant: both answers of one moment show the same sample (the sampler's window).
public struct OperatorStatsController: Sendable {
    public let directory: RoomDirectory
    public let authenticator: Authenticator
    /// nil: the server has no media side, so reports hold rooms but no workers.
    public let sampler: OperatorStatsSampler?
    public let startedAt: ContinuousClock.Instant
    public let metricsArePublic: Bool
    public let maxRoomLabels: Int

    public init(
        directory: RoomDirectory, authenticator: Authenticator, sampler: OperatorStatsSampler?, startedAt: ContinuousClock.Instant,
        metricsArePublic: Bool, maxRoomLabels: Int
    ) {
        self.directory = directory
        self.authenticator = authenticator
        self.sampler = sampler
        self.startedAt = startedAt
        self.metricsArePublic = metricsArePublic
        self.maxRoomLabels = maxRoomLabels
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("/v1/stats") { request, _ in try await stats(request) }
        router.rejectOtherMethods(on: "/v1/stats", allowing: [.get])
        router.get("/metrics") { request, _ in try await metrics(request) }
        router.rejectOtherMethods(on: "/metrics", allowing: [.get])
    }

    func stats(_ request: Request) async throws -> OperatorStatsReport {
        _ = try await authenticator.authorize(request, for: .operatorOnly)
        return await report()
    }

    func metrics(_ request: Request) async throws -> Response {
        if !metricsArePublic { _ = try await authenticator.authorize(request, for: .operatorOnly) }
        let text = OperatorMetrics.text(of: await report(), maxRoomLabels: maxRoomLabels)
        return Response(
            status: .ok, headers: [.contentType: OperatorMetrics.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func report() async -> OperatorStatsReport {
        let window = await sampler?.currentWindow() ?? SampleWindow()
        let uptime = ContinuousClock.now - startedAt
        return OperatorStatsReport(
            window: window, rooms: await directory.occupancy(), uptimeSeconds: Int(uptime.components.seconds),
            now: UnixTime.milliseconds())
    }
}
