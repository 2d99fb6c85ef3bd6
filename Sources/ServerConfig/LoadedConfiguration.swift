/// The outcome of ``ConfigurationLoader/load(commandLine:environment:coreCount:)``: the
/// configuration, where each setting came from, and what the operator should be told.
///
/// Invariant: `sources` has an entry for every ``SettingKey``.
public struct LoadedConfiguration: Sendable {
    public var configuration: ServerConfiguration
    public var sources: [SettingKey: ConfigSource]
    public var notices: [ConfigurationNotice]

    public init(configuration: ServerConfiguration, sources: [SettingKey: ConfigSource], notices: [ConfigurationNotice]) {
        self.configuration = configuration
        self.sources = sources
        self.notices = notices
    }

    /// One line per setting, `key = value (from source)`, in schema order, secrets masked:
    /// what the server prints at start-up.
    public var effectiveSettings: [String] {
        SettingKey.allCases.map { key in
            "\(key.rawValue) = \(configuration.shownValue(of: key)) (from \(sources[key] ?? .defaultValue))"
        }
    }
}
