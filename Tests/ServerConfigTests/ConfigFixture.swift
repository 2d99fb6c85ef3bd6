import Foundation

/// A YAML config file in a fresh temporary directory, removed by `remove()`.
struct ConfigFixture {
    let directory: URL
    let path: String

    init(_ yaml: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("switchboard.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The config file shipped in the repository.
    static var shippedConfigPath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/switchboard.yaml").path
    }
}
