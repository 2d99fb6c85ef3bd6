public import Hummingbird
public import Logging
import NIOCore
public import ServerConfig

/// The router of the whole control-plane API, shared by the server and the tests.
public func buildRouter(
    configuration: ServerConfiguration,
    startedAt: ContinuousClock.Instant
) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: APIErrorMiddleware())
    HealthController(version: SwitchboardVersion.current, workers: configuration.workers, startedAt: startedAt)
        .addRoutes(to: router)
    return router
}

/// The control-plane HTTP application, bound to `configuration.http`. Once the listener is up it
/// logs the ready line `ready: listening on http://HOST:PORT` with the real bound port (which
/// differs from the configured one when that is 0), at `notice` whatever the logger's level.
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger,
    startedAt: ContinuousClock.Instant = .now
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration: configuration, startedAt: startedAt),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.http.host, port: configuration.http.port)),
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
