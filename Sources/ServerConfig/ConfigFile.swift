import Foundation
internal import Configuration
import Yams

/// The YAML config file: which path applies, and its settings as a ``ConfigLayer``.
///
/// Path precedence: `--config FILE`, then `SWITCHBOARD_CONFIG`, then ``defaultPath`` (relative to
/// the working directory). A missing file is an error when its path was given explicitly, and
/// means "defaults only" for the default path.
struct ConfigFile: Sendable {
    static let defaultPath = "config/switchboard.yaml"

    let path: String
    let source: ConfigSource
    let isExplicit: Bool

    init(commandLinePath: String?, environment: [String: String]) {
        if let commandLinePath {
            self.init(path: commandLinePath, source: .commandLine(flag: "--config"), isExplicit: true)
        } else if let environmentPath = environment[SettingKey.configFileEnvironmentVariable] {
            self.init(
                path: environmentPath, source: .environment(variable: SettingKey.configFileEnvironmentVariable),
                isExplicit: true)
        } else {
            self.init(path: Self.defaultPath, source: .defaultValue, isExplicit: false)
        }
    }

    private init(path: String, source: ConfigSource, isExplicit: Bool) {
        self.path = path
        self.source = source
        self.isExplicit = isExplicit
    }

    /// What the file supplies.
    enum Contents {
        /// The default path has no file.
        case absent
        /// The file holds no YAML document (nothing, or only comments).
        case empty
        case settings(ConfigLayer)
    }

    /// Reads, parses and checks the file.
    func load() throws(ConfigurationError) -> Contents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if isExplicit {
                throw .missingFile(path: path, source: source)
            }
            return .absent
        }
        if isDirectory.boolValue {
            throw .unreadableFile(path: path, reason: "it is a directory")
        }
        // Read to EOF through a handle (not by stat size), so /dev/null, pipes and /dev/fd/N work.
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .malformedFile(path: path, reason: "it is not UTF-8 text")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .malformedFile(path: path, reason: "\(error)")
        }
        guard let root else { return .empty }
        guard let mapping = root.mapping else {
            throw .malformedFile(path: path, reason: "the top level must be a mapping of keys such as http: and udp:")
        }
        try YAMLStructureCheck.check(mapping, path: path)
        let secretKeys = Set(SettingKey.allCases.filter(\.isSecret).map(\.rawValue))
        do {
            let snapshot = try YAMLSnapshot(
                data: data.bytes, providerName: path,
                parsingOptions: .init(secretsSpecifier: .specific(secretKeys)))
            return .settings(.file(snapshot, path: path))
        } catch {
            throw .malformedFile(path: path, reason: "\(error)")
        }
    }
}
