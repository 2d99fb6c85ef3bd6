import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A Janus started by scripts/janus.sh in a temporary folder, its HTTP API on a free port and
/// its media on a random port range, so that tests running at once never share one.
struct JanusServer {
    /// The repository root (this file is Tests/LoadSignallingTests/JanusServer.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let environmentPath = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"

    /// Whether Debian's `janus` is installed (scripts/setup.sh installs it; CI runs that).
    static var isInstalled: Bool {
        environmentPath.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/janus") }
    }

    let folder: URL
    let port: Int
    let pid: pid_t

    var url: String { "http://127.0.0.1:\(port)/janus" }

    /// Starts Janus, runs `body`, and stops Janus (and removes its folder) whatever happens.
    static func with(_ body: (JanusServer) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("janus-\(UUID().uuidString)")
        let port = try CannedHTTPServer().port
        let rtpBase = Int.random(in: 30_000...59_000)
        let environment = ["PATH": environmentPath, "JANUS_HTTP_PORT": String(port), "JANUS_RTP_PORTS": "\(rtpBase)-\(rtpBase + 199)"]
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = try ChildProcess(executable: script, arguments: ["start", folder.path, "1"], environment: environment)
        let status = try await start.waitForExit(timeout: .seconds(40))
        let lastLine = start.output.split(separator: "\n").last.map(String.init) ?? ""
        guard status == 0, let pid = pid_t(lastLine) else {
            await stop(folder: folder, environment: environment)
            throw HarnessError("scripts/janus.sh start failed (\(String(describing: status))):\n\(start.output)\n\(start.errorOutput)")
        }
        let server = JanusServer(folder: folder, port: port, pid: pid)
        do {
            try await body(server)
        } catch {
            await stop(folder: folder, environment: environment)
            throw error
        }
        await stop(folder: folder, environment: environment)
        guard kill(pid, 0) != 0 else { throw HarnessError("Janus \(pid) still runs after scripts/janus.sh stop") }
    }

    private static var script: URL { repositoryRoot.appendingPathComponent("scripts/janus.sh") }

    private static func stop(folder: URL, environment: [String: String]) async {
        guard let stop = try? ChildProcess(executable: script, arguments: ["stop", folder.path], environment: environment) else { return }
        _ = try? await stop.waitForExit(timeout: .seconds(30))
    }
}

/// interop/janus/aiortc_publisher.py: a real publisher whose PeerConnection comes up, trading
/// SDP with the test through files in `folder`.
final class AiortcPublisher {
    let folder: URL
    private let process: ChildProcess

    init(seconds: Int) throws {
        let python = JanusServer.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh (it installs aiortc there)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aiortc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = JanusServer.repositoryRoot.appendingPathComponent("interop/janus/aiortc_publisher.py")
        process = try ChildProcess(
            executable: python, arguments: [script.path, "--folder", folder.path, "--seconds", String(seconds), "--timeout", "20"],
            environment: ["PATH": JanusServer.environmentPath, "PYTHONUNBUFFERED": "1"])
    }

    deinit {
        process.kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The offer the script wrote.
    func offer(timeout: Duration) async throws -> String {
        let path = folder.appendingPathComponent("offer.sdp")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: path, encoding: .utf8) { return text }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("aiortc wrote no offer within \(timeout)\n\(process.output)\n\(process.errorOutput)")
    }

    /// Hands the script Janus's answer and waits until its PeerConnection is up.
    func connect(answer: String, timeout: Duration) async throws {
        let temporary = folder.appendingPathComponent("answer.sdp.tmp")
        try answer.write(to: temporary, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(at: temporary, to: folder.appendingPathComponent("answer.sdp"))
        let line = try await process.waitForLine(containing: "{", timeout: timeout)
        guard line.contains("\"connected\": true") else { throw HarnessError("aiortc did not connect: \(line)\n\(process.errorOutput)") }
    }

    func stop() { process.kill() }
}
