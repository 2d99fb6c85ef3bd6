/// Something about the effective configuration that an operator should know at start-up. The
/// server logs each one: warnings at `warning` level, the rest at `info`.
public enum ConfigurationNotice: Sendable, Hashable, CustomStringConvertible {
    /// The default config file does not exist: built-in defaults, variables and flags apply.
    case noConfigFile(path: String)
    /// `auth.tokenSecret` was empty, so a random one was generated.
    case generatedTokenSecret
    /// `auth.apiKeys` holds the shipped development key.
    case developmentAPIKey(source: ConfigSource)
    /// No operator key is configured.
    case noAPIKeys
    /// A `SWITCHBOARD_*` variable that names no setting (a typo?). Not an error: other tools may
    /// share the prefix.
    case unknownEnvironmentVariable(name: String)

    public var isWarning: Bool {
        if case .noConfigFile = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .noConfigFile(let path):
            "no config file at \(path): using built-in defaults, SWITCHBOARD_* variables and flags"
        case .generatedTokenSecret:
            "auth.tokenSecret is empty: generated a random secret; participant tokens will not survive a restart"
        case .developmentAPIKey(let source):
            "auth.apiKeys (from \(source)) contains the development key \"\(ServerConfiguration.Auth.developmentAPIKey)\"; "
                + "replace it before exposing this server"
        case .noAPIKeys:
            "auth.apiKeys is empty: every operator endpoint will answer 401"
        case .unknownEnvironmentVariable(let name):
            "environment variable \(name) is not a Switchboard setting; ignored"
        }
    }
}
