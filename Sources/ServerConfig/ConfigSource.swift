/// Where one effective setting came from.
///
/// Layers, highest priority first: command-line flags, `SWITCHBOARD_*` environment variables, the
/// config file, built-in defaults. Every setting has exactly one source: the highest layer that
/// sets it.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    /// A command-line flag such as `--http`.
    case commandLine(flag: String)
    /// An environment variable such as `SWITCHBOARD_HTTP_PORT`.
    case environment(variable: String)
    /// The YAML config file at this path (as given, relative paths stay relative).
    case file(path: String)
    /// The built-in default.
    case defaultValue

    public var description: String {
        switch self {
        case .commandLine(let flag): "command-line flag \(flag)"
        case .environment(let variable): "environment variable \(variable)"
        case .file(let path): path
        case .defaultValue: "built-in default"
        }
    }
}
