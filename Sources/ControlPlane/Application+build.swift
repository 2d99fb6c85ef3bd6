public import Hummingbird
public import Logging
public import MediaContract
import NIOCore
public import ServerConfig

/// The router of the whole control-plane API, shared by the server and the tests.
///
/// - Parameters:
///   - mediaEngine: the media side that publish calls go to; nil runs the API without media
///     (rooms and participants work, publish calls answer 503 `media_unavailable`).
///   - clock: the clock of the rooms' empty timeouts and the participants' disconnect grace.
///   - mediaStats: where participants' stats come from; nil gives empty reports.
///   - events: where the rooms' events are published (the event streams read them from it).
///   - operatorStats: the sampler behind `GET /v1/stats` and `/metrics`; nil: they report the
///     rooms but no media figures.
///   - operatorKeys: the operator keys in force (shared, so that the server can replace them
///     while it runs); nil: `configuration.auth.apiKeys`, fixed.
///   - drain: the switch that makes the API refuse new work while the server shuts down.
public func buildRouter(
    configuration: ServerConfiguration,
    startedAt: ContinuousClock.Instant,
    mediaEngine: (any MediaEngine)?,
    mediaStats: (any MediaStatsProvider)? = nil,
    clock: any Clock<Duration> = ContinuousClock(),
    events: RoomEventHub = RoomEventHub(),
    operatorStats: OperatorStatsSampler? = nil,
    operatorKeys: OperatorKeys? = nil,
    drain: RoomDirectory.DrainSwitch = RoomDirectory.DrainSwitch()
) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: APIErrorMiddleware())
    HealthController(version: SwitchboardVersion.current, workers: configuration.workers, startedAt: startedAt)
        .addRoutes(to: router)
    router.rejectOtherMethods(on: "/v1/health", allowing: [.get])

    let directory = RoomDirectory(
        settings: RoomDirectory.Settings(
            maxRooms: configuration.limits.maxRooms,
            defaultMaxParticipants: configuration.limits.maxParticipantsPerRoom,
            defaultEmptyTimeoutSeconds: configuration.rooms.emptyTimeoutSeconds,
            disconnectGraceSeconds: configuration.rooms.disconnectGraceSeconds),
        mediaEngine: mediaEngine, clock: clock, events: events, drain: drain)
    let authenticator = Authenticator(
        operatorKeys: operatorKeys ?? OperatorKeys(configuration.auth.apiKeys),
        tokens: TokenAuthority(secret: configuration.auth.tokenSecret, defaultLifetimeSeconds: configuration.auth.tokenTTLSeconds),
        directory: directory)
    let bodies = BodyReader(limit: configuration.limits.maxBodyBytes)
    RoomsController(directory: directory, authenticator: authenticator, bodies: bodies).addRoutes(to: router)
    ParticipantsController(directory: directory, authenticator: authenticator, bodies: bodies).addRoutes(to: router)
    let mediaAccess = ParticipantMediaAccess(directory: directory, authenticator: authenticator, mediaEngine: mediaEngine)
    PublishController(access: mediaAccess, bodies: bodies).addRoutes(to: router)
    SubscribeController(access: mediaAccess, bodies: bodies).addRoutes(to: router)
    StatsController(directory: directory, authenticator: authenticator, provider: mediaStats).addRoutes(to: router)
    EventsController(directory: directory, authenticator: authenticator).addRoutes(to: router)
    OperatorStatsController(
        directory: directory, authenticator: authenticator, sampler: operatorStats, startedAt: startedAt,
        metricsArePublic: configuration.metrics.isPublic, maxRoomLabels: configuration.metrics.maxRoomLabels
    ).addRoutes(to: router)
    DashboardController().addRoutes(to: router)
    return router
}

/// The control-plane HTTP application, bound to `configuration.http`. Once the listener is up it
/// logs the ready line `ready: listening on http://HOST:PORT` with the real bound port (which
/// differs from the configured one when that is 0), at `notice` whatever the logger's level.
/// `mediaEngine` and `mediaStats` are as for ``buildRouter(configuration:startedAt:mediaEngine:mediaStats:clock:events:operatorStats:)``;
/// `serverSamples` feeds the operator's stats sampler (`GET /v1/stats`, `/metrics`), which runs
/// as a service of the application every `stats.sampleIntervalMilliseconds`. `events`,
/// `operatorKeys` and `drain` are the handles the server process keeps for its life cycle (see
/// ``buildRouter(configuration:startedAt:mediaEngine:mediaStats:clock:events:operatorStats:operatorKeys:drain:)``).
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger,
    mediaEngine: (any MediaEngine)?,
    mediaStats: (any MediaStatsProvider)? = nil,
    startedAt: ContinuousClock.Instant = .now,
    serverSamples: (any ServerSampleSource)? = nil,
    events: RoomEventHub = RoomEventHub(),
    operatorKeys: OperatorKeys? = nil,
    drain: RoomDirectory.DrainSwitch = RoomDirectory.DrainSwitch()
) -> some ApplicationProtocol {
    // The operator's sampler runs as one of the application's services.
    let sampler = serverSamples.map {
        OperatorStatsSampler(source: $0, interval: .milliseconds(configuration.stats.sampleIntervalMilliseconds))
    }
    return Application(
        router: buildRouter(
            configuration: configuration, startedAt: startedAt, mediaEngine: mediaEngine, mediaStats: mediaStats,
            events: events, operatorStats: sampler, operatorKeys: operatorKeys, drain: drain),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.http.host, port: configuration.http.port)),
        services: sampler.map { [$0] } ?? [],
        onServerRunning: { channel in
            let address = channel.localAddress.flatMap(urlAuthority) ?? "\(configuration.http.host):\(configuration.http.port)"
            // The ready line is part of the start-up contract: shown even when log.level is above notice.
            var readyLogger = logger
            readyLogger.logLevel = min(logger.logLevel, .notice)
            readyLogger.notice("ready: listening on http://\(address)")
        },
        logger: logger
    )
}

/// `HOST:PORT` for a bound socket address, IPv6 hosts in brackets.
private func urlAuthority(_ address: SocketAddress) -> String? {
    guard let ip = address.ipAddress, let port = address.port else { return nil }
    if case .v6 = address {
        return "[\(ip)]:\(port)"
    }
    return "\(ip):\(port)"
}
