import ControlPlane
import Logging
import ServerConfig
import ServerLogging
import Synchronization

/// What SIGHUP does: loads the configuration again, by the same rules as at start (the same
/// flags, the config file, `SWITCHBOARD_*` variables, defaults), and applies what a running
/// server can take over — the log level (every logger at once) and the operator keys (for the
/// next request) — warning about each other changed setting that it needs a restart. A
/// configuration that does not load is logged and changes nothing.
///
/// Invariant: `inForce` is the configuration the server runs with: the start-up one with the
/// log level and operator keys of the last configuration that loaded; its sources follow.
final class ConfigurationReloader: Sendable {
    private let commandLine: CommandLineOverrides
    private let environment: [String: String]
    private let coreCount: Int
    private let levels: LogLevelSwitch
    private let operatorKeys: OperatorKeys
    private let inForce: Mutex<LoadedConfiguration>
    private let logger: Logger

    init(
        started: LoadedConfiguration, commandLine: CommandLineOverrides, environment: [String: String], coreCount: Int,
        levels: LogLevelSwitch, operatorKeys: OperatorKeys, logger: Logger
    ) {
        self.commandLine = commandLine
        self.environment = environment
        self.coreCount = coreCount
        self.levels = levels
        self.operatorKeys = operatorKeys
        self.inForce = Mutex(started)
        self.logger = logger
    }

    /// Reloads once (see the type's description); the outcome is logged at `notice` or more,
    /// whatever the log level, followed by the configuration now in force (secrets masked).
    func reload() {
        var shown = logger
        shown.logLevel = min(logger.logLevel, .notice)
        shown.notice("reload: SIGHUP received; loading the configuration again")
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(commandLine: commandLine, environment: environment, coreCount: coreCount)
        } catch {
            shown.error("reload failed, keeping the current settings: \(error)")
            return
        }
        let current = inForce.withLock { $0 }
        let changes = SettingChanges(from: current.configuration, to: loaded.configuration)
        var next = current
        for key in SettingKey.allCases where !changes.needRestart.contains(key) {
            next.sources[key] = loaded.sources[key]
        }
        next.configuration.logLevel = loaded.configuration.logLevel
        next.configuration.auth.apiKeys = loaded.configuration.auth.apiKeys
        inForce.withLock { $0 = next }
        levels.set(next.configuration.logLevel)
        operatorKeys.replace(with: next.configuration.auth.apiKeys)

        shown.logLevel = min(logger.logLevel, .notice)
        let applied = changes.applied.map { "\($0.rawValue) = \(next.configuration.shownValue(of: $0))" }
        shown.notice("reload: applied \(applied.isEmpty ? "no change" : applied.joined(separator: ", "))")
        for key in changes.needRestart {
            let source = loaded.sources[key] ?? .defaultValue
            shown.warning(
                """
                reload: \(key.rawValue) changed to \(loaded.configuration.shownValue(of: key)) (from \(source)); \
                restart the server to apply it (still \(current.configuration.shownValue(of: key)))
                """)
        }
        for notice in loaded.notices where notice != .generatedTokenSecret {
            logger.log(level: notice.isWarning ? .warning : .info, "\(notice)")
        }
        for line in next.effectiveSettings {
            logger.info("config: \(line)")
        }
    }
}
