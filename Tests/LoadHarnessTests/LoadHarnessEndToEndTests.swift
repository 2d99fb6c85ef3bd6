import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `switchboard-load` executable against real servers: the real `switchboard` binary
/// (1 publisher → 20 subscribers for 5 s: no loss, no failed join, media at every subscriber) and
/// Janus 1.1.2 through scripts/janus.sh (1 → 3 for 3 s: media at every subscriber). A functional
/// check, not a timing one. Every process is stopped, whatever happens.
@Suite(.serialized) struct LoadHarnessEndToEndTests {
    static let operatorKey = "load-harness-key"
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let janusInstalled = ["/usr/bin/janus", "/usr/local/bin/janus"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    /// `switchboard-load`, next to the `switchboard` executable the build put beside the tests.
    static func loadExecutable() throws -> URL {
        let executable = try SwitchboardBinary.executableURL().deletingLastPathComponent().appendingPathComponent("switchboard-load")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw HarnessError("no switchboard-load executable at \(executable.path): run `swift build`")
        }
        return executable
    }

    /// Runs `switchboard-load` with `arguments` and returns its exit status and parsed JSON report.
    static func runLoad(_ arguments: [String], timeout: Duration) async throws -> (status: Int32?, report: [String: Any], stderr: String) {
        let load = try ChildProcess(executable: loadExecutable(), arguments: arguments + ["--json", "--quiet"])
        let status = try await load.waitForExit(timeout: timeout)
        let output = load.output
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let report = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw HarnessError("no JSON report (exit \(status.map(String.init) ?? "none"))\nstdout:\n\(output)\nstderr:\n\(load.errorOutput)")
        }
        return (status, report, load.errorOutput)
    }

    /// The real `switchboard` (one worker, the test's operator key) and its API's URL once ready.
    static func startSwitchboard() async throws -> (server: ChildProcess, url: String) {
        let server = try SwitchboardBinary.start(
            arguments: ["--http", "127.0.0.1:0", "--listen-ip", "127.0.0.1", "--workers", "1"],
            environment: ["SWITCHBOARD_API_KEYS": Self.operatorKey])
        let marker = "ready: listening on http://"
        do {
            let ready = try await server.waitForLine(containing: marker, timeout: .seconds(30))
            return (server, "http://" + (ready.components(separatedBy: marker).last ?? "").trimmingCharacters(in: .whitespaces))
        } catch {
            server.kill()
            throw error
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func twentySubscribersGetEveryPacketFromSwitchboard() async throws {
        let (server, url) = try await Self.startSwitchboard()
        defer { server.kill() }

        let (status, report, stderr) = try await Self.runLoad(
            ["--url", url, "--api-key", Self.operatorKey, "--publishers", "1", "--subscribers", "20", "--duration", "5",
             "--server-pid", String(server.pid)],
            timeout: .seconds(120))
        let context = Comment(rawValue: "report: \(report)\nstderr:\n\(stderr)")
        #expect(status == 0, context)
        #expect(report["lossRatio"] as? Double == 0, context)
        #expect(report["failedJoins"] as? Int == 0, context)
        #expect(report["joins"] as? Int == 21, context)
        let receivers = try #require(report["receivers"] as? [String: Any])
        #expect(receivers["expected"] as? Int == 20, context)
        #expect(receivers["withMedia"] as? Int == 20, context)
        let received = try #require(report["received"] as? [String: Any])
        #expect((received["packets"] as? Int ?? 0) > 0, context)
        let serverFigures = try #require(report["server"] as? [String: Any])
        #expect(serverFigures["kind"] as? String == "switchboard")
        #expect((serverFigures["cpuSeconds"] as? Double ?? -1) >= 0, "the server's pid was given: its CPU is known")
        #expect((serverFigures["rssBytes"] as? Int ?? 0) > 0)
    }

    /// Data channels end to end: two publishers who receive each other and one subscriber; each
    /// publisher's messages reach the two others through the server's relay, none lost.
    @Test(.timeLimit(.minutes(3)))
    func dataChannelMessagesReachEveryReceiver() async throws {
        let (server, url) = try await Self.startSwitchboard()
        defer { server.kill() }

        let (status, report, stderr) = try await Self.runLoad(
            ["--url", url, "--api-key", Self.operatorKey, "--publishers", "2", "--subscribers", "1", "--publishers-subscribe",
             "--audio-only", "--data-messages-per-second", "20", "--data-message-bytes", "300", "--duration", "3"],
            timeout: .seconds(120))
        let context = Comment(rawValue: "report: \(report)\nstderr:\n\(stderr)")
        #expect(status == 0, context)
        #expect(report["failedJoins"] as? Int == 0, context)
        let data = try #require(report["dataChannel"] as? [String: Any], context)
        let sent = data["messagesSent"] as? Int ?? 0
        let received = data["messagesReceived"] as? Int ?? 0
        #expect(sent > 0, context)
        #expect(data["lost"] as? Int == 0, context)
        // Every message goes to the other publisher and the subscriber; the ones sent in the last
        // moments may still be on their way when the count is taken, none is lost.
        #expect(received > sent, context)
        #expect(received <= 2 * sent, context)
    }

    @Test(.enabled(if: janusInstalled, "janus is not installed (scripts/setup.sh installs it)"), .timeLimit(.minutes(3)))
    func threeSubscribersGetMediaFromJanus() async throws {
        let workdir = FileManager.default.temporaryDirectory.appendingPathComponent("load-janus-\(UUID().uuidString)")
        let port = try SwitchboardBinary.freeTCPPort()
        let rtpBase = Int.random(in: 30_000...59_000)
        let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "JANUS_HTTP_PORT": String(port),
                           "JANUS_RTP_PORTS": "\(rtpBase)-\(rtpBase + 199)", "JANUS_DEBUG_LEVEL": "3"]
        defer {
            _ = try? Self.runDetached(["/bin/bash", Self.janusScript, "stop", workdir.path], environment: environment,
                                      timeout: .seconds(30))
            try? FileManager.default.removeItem(at: workdir)
        }
        let start = try Self.runDetached(["/bin/bash", Self.janusScript, "start", workdir.path, "1"], environment: environment,
                                         timeout: .seconds(60))
        let pid = start.output.split(separator: "\n").last.map(String.init) ?? ""
        guard start.status == 0, Int32(pid) != nil else {
            throw HarnessError("janus.sh start failed (\(start.status.map(String.init) ?? "killed")):\n\(start.output)\n\(start.errors)")
        }

        let (status, report, stderr) = try await Self.runLoad(
            ["--server", "janus", "--url", "http://127.0.0.1:\(port)/janus", "--publishers", "1", "--subscribers", "3",
             "--duration", "3", "--server-pid", pid],
            timeout: .seconds(120))
        let context = Comment(rawValue: "report: \(report)\nstderr:\n\(stderr)")
        let receivers = try #require(report["receivers"] as? [String: Any])
        #expect(receivers["expected"] as? Int == 3, context)
        #expect(receivers["withMedia"] as? Int == 3, context)
        #expect(report["failedJoins"] as? Int == 0, context)
        let received = try #require(report["received"] as? [String: Any])
        #expect((received["packets"] as? Int ?? 0) > 0, context)
        #expect((report["server"] as? [String: Any])?["kind"] as? String == "janus")
        #expect(status == 0 || status == 1, context)
    }

    @Test(.timeLimit(.minutes(1)))
    func badUsageAndUnreachableServersHaveTheirExitStatus() async throws {
        let invalid = try ChildProcess(executable: Self.loadExecutable(),
                                       arguments: ["--url", "http://127.0.0.1:9", "--api-key", "k", "--rooms", "0"])
        #expect(try await invalid.waitForExit(timeout: .seconds(20)) == 2)
        #expect(invalid.errorOutput.contains("invalid scenario: rooms = 0: must be in 1...1000"), "\(invalid.errorOutput)")

        let missingURL = try ChildProcess(executable: Self.loadExecutable(), arguments: ["--publishers", "1"])
        #expect(try await missingURL.waitForExit(timeout: .seconds(20)) == 2)

        let port = try SwitchboardBinary.freeTCPPort()
        let unreachable = try ChildProcess(executable: Self.loadExecutable(),
                                           arguments: ["--url", "http://127.0.0.1:\(port)", "--api-key", "k", "--duration", "1"])
        #expect(try await unreachable.waitForExit(timeout: .seconds(30)) == 3, "\(unreachable.errorOutput)")
    }

    static var janusScript: String { repositoryRoot.appendingPathComponent("scripts/janus.sh").path }

    /// Runs `arguments` (an absolute executable path first) to completion with exactly
    /// `environment`, stdin from /dev/null, stdout and stderr into files, and every other file
    /// descriptor closed in the child: a daemon it leaves behind (Janus) then holds nothing of
    /// this process (Foundation's `Process` notices a child's exit by a socket the child
    /// inherits, which a daemon started by a script would keep open). Waits with `waitpid`,
    /// at most `timeout` (then SIGKILL). Synchronous, so that clean-up can run in `defer`.
    static func runDetached(_ arguments: [String], environment: [String: String], timeout: Duration) throws
        -> (status: Int32?, output: String, errors: String)
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("load-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputPath = folder.appendingPathComponent("stdout").path
        let errorPath = folder.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // posix_spawn_file_actions_addclosefrom_np is not visible from Swift: a shell closes
        // every descriptor above 2 and then runs the command.
        let closeAndRun = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@""#
        let argv = (["/bin/bash", "-c", closeAndRun, "run-detached"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, envp)
        guard spawned == 0 else { throw HarnessError("posix_spawn \(arguments.joined(separator: " ")) failed: \(spawned)") }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var exited = false
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                break
            }
            usleep(50_000)
        }
        if !exited {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        // Exited normally: the low 7 bits are 0 and the code is in the next byte.
        let code: Int32? = exited && status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
        return (code, read(outputPath), read(errorPath))
    }
}
