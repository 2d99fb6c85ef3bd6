/// Why the server's configuration could not be loaded. The process prints it after
/// `config error: ` on stderr and exits with code 2.
///
/// Every case names what is wrong (key, value, source) and what was expected, so an operator can
/// fix it without reading the code. Secret values appear only masked (see ``ShownValue``).
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value that does not parse or is out of range.
    case invalidValue(key: String, value: ShownValue, source: ConfigSource, expected: String)
    /// A key in the config file that Switchboard does not know (a typo, most likely).
    /// `line` is 1-based; `known` lists the keys valid at that level.
    case unknownKey(key: String, path: String, line: Int?, known: [String])
    /// A config file that was asked for explicitly (`--config` or `SWITCHBOARD_CONFIG`) and does not exist.
    case missingFile(path: String, source: ConfigSource)
    /// A config file that exists but cannot be read (permissions, a directory, ...).
    case unreadableFile(path: String, reason: String)
    /// A config file that is not YAML, or whose top level is not a mapping.
    case malformedFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let key, let value, let source, let expected):
            "\(key) = \(value) (from \(source)): expected \(expected)"
        case .unknownKey(let key, let path, let line, let known):
            "\(key) (from \(path)\(line.map { ", line \($0)" } ?? "")): unknown key; expected one of: "
                + known.joined(separator: ", ")
        case .missingFile(let path, let source):
            "config file \(ShownValue.text(path)) (from \(source)) does not exist"
        case .unreadableFile(let path, let reason):
            "config file \(ShownValue.text(path)) cannot be read: \(reason)"
        case .malformedFile(let path, let reason):
            "config file \(ShownValue.text(path)) is not valid: \(reason)"
        }
    }
}
