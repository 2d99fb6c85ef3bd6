import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `switchboard` executable (linked by `swift test` itself), run as a real process.
@Suite("switchboard process: start-up, health, shutdown, config errors")
struct SwitchboardProcessTests {
    static let readyMarker = "ready: listening on http://"

    /// A temporary directory holding `switchboard.yaml` with `yaml`.
    static func configFile(_ yaml: String) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("switchboard.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    /// Host and port from the ready line `… ready: listening on http://127.0.0.1:PORT`.
    static func boundAddress(_ readyLine: String) throws -> (host: String, port: Int) {
        let authority = try #require(readyLine.components(separatedBy: readyMarker).last)
        let parts = authority.split(separator: ":")
        let port = try #require(parts.count == 2 ? Int(parts[1]) : nil, "ready line: \(readyLine)")
        #expect(port > 0)
        return (String(parts[0]), port)
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("serves /v1/health with jemalloc loaded, and exits 0 on SIGTERM")
    func healthThenSIGTERM() async throws {
        let config = try Self.configFile("workers: 3\nlog:\n  level: info\n")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let launched = ContinuousClock.now
        let server = try SwitchboardBinary.start(arguments: ["--config", config.path, "--http", "127.0.0.1:0"])
        let readyLine = try await server.waitForLine(containing: Self.readyMarker, timeout: .seconds(20))
        let (host, port) = try Self.boundAddress(readyLine)
        #expect(host == "127.0.0.1")

        let health = try HTTPGetResponse.fetch(host: host, port: port, path: "/v1/health")
        // The server cannot have been up longer than since its launch (the test process may be
        // busy with other tests for a while, so no fixed bound).
        let sinceLaunch = Int((ContinuousClock.now - launched).components.seconds)
        #expect(health.status == 200)
        #expect(health.headers["content-type"]?.hasPrefix("application/json") == true)
        let body = try Self.json(health.body)
        #expect(body["status"] as? String == "ok")
        #expect(body["workers"] as? Int == 3)
        #expect((body["version"] as? String)?.isEmpty == false)
        #expect((body["uptimeSeconds"] as? Int).map { (0...sinceLaunch).contains($0) } == true)

        let missing = try HTTPGetResponse.fetch(host: host, port: port, path: "/v1/missing")
        #expect(missing.status == 404)
        let error = try #require(try Self.json(missing.body)["error"] as? [String: String])
        #expect(error["code"] == "not_found")

        // procfs files report size 0: read them to EOF rather than by their stat size.
        let mapsFile = try #require(FileHandle(forReadingAtPath: "/proc/\(server.pid)/maps"))
        let maps = String(decoding: try mapsFile.readToEnd() ?? Data(), as: UTF8.self)
        try mapsFile.close()
        #expect(maps.contains("/libjemalloc.so.2"))
        #expect(server.output.contains("allocator: jemalloc 5."))
        #expect(server.output.contains("config: workers = 3 (from \(config.path))"))

        server.send(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("logs the ready line even at log level error, and exits 0 on SIGINT")
    func sigint() async throws {
        let config = try Self.configFile("")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let server = try SwitchboardBinary.start(
            arguments: ["--config", config.path, "--http", "127.0.0.1:0", "--log-level", "error"])
        _ = try await server.waitForLine(containing: Self.readyMarker, timeout: .seconds(20))
        server.send(SIGINT)
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("without a config file it runs on defaults and SWITCHBOARD_* variables")
    func defaultsAndEnvironment() async throws {
        let emptyDirectory = try Self.configFile("").directory
        defer { try? FileManager.default.removeItem(at: emptyDirectory) }
        let server = try SwitchboardBinary.start(
            arguments: ["--http", "127.0.0.1:0"],
            environment: ["SWITCHBOARD_WORKERS": "5", "SWITCHBOARD_API_KEYS": "process-test-key"],
            workingDirectory: emptyDirectory)
        let readyLine = try await server.waitForLine(containing: Self.readyMarker, timeout: .seconds(20))
        #expect(server.output.contains("no config file at config/switchboard.yaml"))
        #expect(!server.output.contains("process-test-key"))
        let (host, port) = try Self.boundAddress(readyLine)
        let body = try Self.json(try HTTPGetResponse.fetch(host: host, port: port, path: "/v1/health").body)
        #expect(body["workers"] as? Int == 5)
        server.send(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("an invalid config value exits 2 naming key, value, source and expectation")
    func invalidConfig() async throws {
        let config = try Self.configFile("http:\n  port: \"80a\"\n")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let server = try SwitchboardBinary.start(arguments: ["--config", config.path])
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 2)
        #expect(
            server.errorOutput.contains(
                "config error: http.port = \"80a\" (from \(config.path)): expected an integer port 0-65535"),
            "stderr: \(server.errorOutput)")
        #expect(!server.output.contains(Self.readyMarker))
    }

    @Test("a missing --config file exits 2")
    func missingConfigFile() async throws {
        let server = try SwitchboardBinary.start(arguments: ["--config", "/nonexistent/switchboard.yaml"])
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 2)
        #expect(server.errorOutput.contains("config error: config file \"/nonexistent/switchboard.yaml\""))
    }

    @Test("a bad flag value exits 2 like a bad file value")
    func invalidFlag() async throws {
        let config = try Self.configFile("")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let server = try SwitchboardBinary.start(arguments: ["--workers", "lots", "--config", config.path])
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 2)
        #expect(server.errorOutput.contains("config error: workers = \"lots\" (from command-line flag --workers)"))
    }
}
