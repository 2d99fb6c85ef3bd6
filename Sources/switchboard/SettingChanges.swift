import ServerConfig

/// How a newly loaded configuration differs from the one in force, setting by setting, and
/// which of the differences a running server can apply (SIGHUP).
///
/// Invariants: `applied` and `needRestart` are disjoint and in schema order; together they are
/// exactly the settings whose values differ. Secrets are compared by value, never shown; a
/// token secret generated at each load counts as unchanged while none is configured.
struct SettingChanges: Sendable {
    /// Settings a running server takes over: the log level and the operator keys.
    static let reloadable: Set<SettingKey> = [.logLevel, .authAPIKeys]

    let applied: [SettingKey]
    let needRestart: [SettingKey]

    init(from current: ServerConfiguration, to loaded: ServerConfiguration) {
        let changed = SettingKey.allCases.filter { !Self.sameValue($0, current, loaded) }
        applied = changed.filter { Self.reloadable.contains($0) }
        needRestart = changed.filter { !Self.reloadable.contains($0) }
    }

    private static func sameValue(_ key: SettingKey, _ a: ServerConfiguration, _ b: ServerConfiguration) -> Bool {
        switch key {
        case .authAPIKeys:
            a.auth.apiKeys == b.auth.apiKeys
        case .authTokenSecret:
            (a.auth.tokenSecretIsGenerated && b.auth.tokenSecretIsGenerated) || a.auth.tokenSecret == b.auth.tokenSecret
        default:
            a.shownValue(of: key) == b.shownValue(of: key)
        }
    }
}
