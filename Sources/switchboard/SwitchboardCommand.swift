import Allocator
import ArgumentParser
import ControlPlane
import DTLS
import Foundation
import Logging
import MediaEngineAdapter
import MediaServer
import ServerConfig
import ServerLogging
import SRTP

/// The `switchboard` server: loads the configuration, checks the allocator, serves the control
/// plane until SIGTERM or SIGINT, then shuts down gracefully and exits 0 within
/// `shutdown.graceSeconds` (``ServerLifecycle``); SIGHUP reloads the log level and the operator
/// keys (``ConfigurationReloader``).
///
/// Exit codes: 0 after a graceful shutdown, 1 when jemalloc does not serve `malloc` (a build
/// defect), 2 for an invalid configuration (message on stderr; this includes DTLS certificate
/// files that do not load and unknown SRTP profiles), 64 for a malformed command line.
@main
struct SwitchboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A WebRTC selective forwarding unit.",
        discussion: """
            Settings come from, highest priority first: these flags, SWITCHBOARD_* environment \
            variables (SWITCHBOARD_API_KEYS, SWITCHBOARD_TOKEN_SECRET, SWITCHBOARD_HTTP_PORT, ...), \
            the config file, built-in defaults. config/switchboard.yaml documents every key.
            """,
        version: SwitchboardVersion.current
    )

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Config file (default: \(ConfigurationLoader.defaultConfigPath)).", valueName: "FILE"))
    var configPath: String?

    @Option(
        name: .customLong("http"),
        help: ArgumentHelp("Control-plane listen address; port 0 picks a free one.", valueName: "HOST:PORT"))
    var httpAddress: String?

    @Option(
        name: .customLong("udp-port"),
        help: ArgumentHelp("Base UDP port: worker k uses PORT + k.", valueName: "PORT"))
    var udpPort: String?

    @Option(
        name: .customLong("listen-ip"),
        help: ArgumentHelp("UDP listen address (repeat for several).", valueName: "IP"))
    var listenIPs: [String] = []

    @Option(
        name: .customLong("announced-ip"),
        help: ArgumentHelp("Address put in ICE candidates (repeat for several).", valueName: "IP"))
    var announcedIPs: [String] = []

    @Option(
        name: .customLong("workers"),
        help: ArgumentHelp("Media worker threads: a count, or 0/auto for one per core.", valueName: "N"))
    var workers: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
    var logLevel: String?

    @Flag(
        name: .customLong("log-unredacted"),
        help: "Log peers' IP addresses, ports and ICE credentials (debugging only; overrides log.redact).")
    var logUnredacted = false

    func run() async throws {
        let commandLine = CommandLineOverrides(
            configPath: configPath, httpAddress: httpAddress, udpPort: udpPort, listenIPs: listenIPs,
            announcedIPs: announcedIPs, workers: workers, logLevel: logLevel, logUnredacted: logUnredacted)
        let environment = ProcessInfo.processInfo.environment
        let coreCount = ProcessInfo.processInfo.activeProcessorCount
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(commandLine: commandLine, environment: environment, coreCount: coreCount)
        } catch {
            FileHandle.standardError.write(Data("config error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let configuration = loaded.configuration
        let levels = LogLevelSwitch(configuration.logLevel)
        let format: LogLineFormat = configuration.logFormat == .json ? .json : .text
        LogRedaction.setEnabled(configuration.logRedactsSensitiveData)
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, format: format, levels: levels) }
        let logger = Logger(label: "switchboard")

        do {
            let allocator = try Jemalloc.verifyServesMalloc()
            logger.info("allocator: \(allocator)")
        } catch {
            logger.critical("allocator check failed: \(error)")
            throw ExitCode.failure
        }
        logger.info("switchboard \(SwitchboardVersion.current) starting; effective configuration:")
        for line in loaded.effectiveSettings {
            logger.info("config: \(line)")
        }
        for notice in loaded.notices {
            logger.log(level: notice.isWarning ? .warning : .info, "\(notice)")
        }

        let pool: WorkerPool
        do {
            pool = try WorkerPool(configuration: configuration, logger: Logger(label: "switchboard.media"))
        } catch where error.isConfigurationError {
            FileHandle.standardError.write(Data("config error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            logger.critical("media workers failed to start: \(error)")
            throw ExitCode.failure
        }
        defer { pool.stop() }
        logger.info("media: \(configuration.workers) worker(s) on UDP \(configuration.udp.basePort)...\(configuration.udp.basePort + configuration.workers - 1)")
        logger.info("media: SRTP backend \(SRTPLibrary.cryptoBackend), \(SRTPLibrary.version); \(OpenSSLLibrary.version)")
        logger.info("media: DTLS fingerprint \(pool.dtlsContext.localFingerprint)")
        let engine = WorkerMediaEngine(pool: pool)
        let operatorKeys = OperatorKeys(configuration.auth.apiKeys)
        let events = RoomEventHub()
        let drain = RoomDirectory.DrainSwitch()
        let application = buildApplication(
            configuration: configuration, logger: logger, mediaEngine: engine, mediaStats: engine,
            serverSamples: OperatorStatsSource(pool: pool), events: events, operatorKeys: operatorKeys, drain: drain)
        let grace = Duration.seconds(configuration.shutdown.graceSeconds)
        let lifecycle = ServerLifecycle(
            application: application,
            shutdown: ShutdownSequence(drain: drain, events: events, pool: pool, transportBudget: grace / 2, logger: logger),
            reloader: ConfigurationReloader(
                started: loaded, commandLine: commandLine, environment: environment, coreCount: coreCount, levels: levels,
                operatorKeys: operatorKeys, logger: logger),
            grace: grace, logger: logger)
        try await lifecycle.run()
        pool.stop()
        logger.notice("shutdown: media workers stopped", metadata: ["phase": "workers"])
        logger.info("stopped")
    }
}
