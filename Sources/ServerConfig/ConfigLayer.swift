internal import Configuration

/// One layer of settings: a swift-configuration snapshot, how a setting is keyed in it, and which
/// ``ConfigSource`` its values report.
///
/// Layers are read as raw text (`.string` / `.stringArray`) so that validation, done by the
/// loader, can quote the offending value and its source exactly.
struct ConfigLayer: Sendable {
    private let snapshot: any ConfigSnapshot
    private let configKey: @Sendable (SettingKey) -> AbsoluteConfigKey
    private let source: @Sendable (SettingKey) -> ConfigSource
    /// Environment variables carry lists as comma-separated text: there, an empty variable is an
    /// empty list rather than a list of one empty string.
    private let emptyTextIsEmptyList: Bool

    /// Flags, keyed by their settings' YAML paths.
    static func commandLine(_ values: [SettingKey: RawSettingValue]) -> ConfigLayer {
        var contents: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in values {
            let content: ConfigContent =
                switch value {
                case .scalar(let text): .string(text)
                case .list(let items): .stringArray(items)
                }
            contents[AbsoluteConfigKey(key.components)] = ConfigValue(content, isSecret: key.isSecret)
        }
        return ConfigLayer(
            snapshot: InMemoryProvider(name: "command line", values: contents).snapshot(),
            configKey: { AbsoluteConfigKey($0.components) },
            source: { .commandLine(flag: CommandLineOverrides.flag(for: $0) ?? $0.rawValue) },
            emptyTextIsEmptyList: false
        )
    }

    /// `SWITCHBOARD_*` variables, each setting under its own ``SettingKey/environmentVariable``.
    static func environment(_ variables: [String: String]) -> ConfigLayer {
        let secretNames = Set(SettingKey.allCases.filter(\.isSecret).map(\.environmentVariable))
        let provider = EnvironmentVariablesProvider(
            environmentVariables: variables,
            secretsSpecifier: .specific(secretNames)
        )
        return ConfigLayer(
            snapshot: provider.snapshot(),
            configKey: { AbsoluteConfigKey([$0.environmentVariable]) },
            source: { .environment(variable: $0.environmentVariable) },
            emptyTextIsEmptyList: true
        )
    }

    /// A parsed YAML config file, keyed by dotted path.
    static func file(_ snapshot: YAMLSnapshot, path: String) -> ConfigLayer {
        ConfigLayer(
            snapshot: snapshot,
            configKey: { AbsoluteConfigKey($0.components) },
            source: { _ in .file(path: path) },
            emptyTextIsEmptyList: false
        )
    }

    /// The value this layer gives `key` and where it came from, or nil when it does not set it.
    func value(of key: SettingKey) throws(ConfigurationError) -> (value: RawSettingValue, source: ConfigSource)? {
        let type: ConfigType = key.shape == .list ? .stringArray : .string
        let content: ConfigContent?
        do {
            content = try snapshot.value(forKey: configKey(key), type: type).value?.content
        } catch {
            // The file's structure check refuses wrong shapes first, so this is a last resort.
            throw .invalidValue(
                key: key.rawValue, value: .kind("a value of another shape"), source: source(key),
                expected: key.expectation)
        }
        switch content {
        case .string(let text)?:
            return (.scalar(text), source(key))
        case .stringArray(let items)?:
            return (.list(emptyTextIsEmptyList && items == [""] ? [] : items), source(key))
        default:
            return nil
        }
    }
}
