public import Hummingbird

/// `GET /v1/health` (no credentials): the process is up and answering.
///
/// Invariant: `uptimeSeconds` counts whole seconds of the monotonic clock since `startedAt`.
public struct HealthController: Sendable {
    public let version: String
    public let workers: Int
    public let startedAt: ContinuousClock.Instant

    public init(version: String, workers: Int, startedAt: ContinuousClock.Instant) {
        self.version = version
        self.workers = workers
        self.startedAt = startedAt
    }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("/v1/health") { _, _ in self.health() }
    }

    func health() -> HealthResponse {
        let uptime = ContinuousClock.now - startedAt
        return HealthResponse(status: "ok", version: version, workers: workers, uptimeSeconds: Int(uptime.components.seconds))
    }
}

/// The body of `GET /v1/health`.
public struct HealthResponse: ResponseCodable, Sendable, Hashable {
    /// Always `ok` when the server answers.
    public let status: String
    public let version: String
    /// Configured number of media workers.
    public let workers: Int
    public let uptimeSeconds: Int

    public init(status: String, version: String, workers: Int, uptimeSeconds: Int) {
        self.status = status
        self.version = version
        self.workers = workers
        self.uptimeSeconds = uptimeSeconds
    }
}
