import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One running Tests/Interop/data_peer.py: a participant (aiortc) that opens data channels on its
/// publish connection and sends a deterministic message sequence on them, and/or receives the
/// channels the server relays on its subscribe connection and checks every message.
///
/// Invariant: the process is killed when this object goes away or `report()` times out; it ends
/// by itself once `stop()` was called (or after `maxSeconds`).
final class DataChannelPeer {
    /// A channel the peer opens and sends on.
    struct Channel {
        enum Reliability {
            case reliable
            case maxRetransmits(Int)
            case maxPacketLifeTime(Int)
        }

        let label: String
        let ordered: Bool
        let reliability: Reliability

        /// data_peer.py's `--send` argument.
        var argument: String {
            let kind = switch reliability {
            case .reliable: "reliable"
            case .maxRetransmits(let count): "rtx=\(count)"
            case .maxPacketLifeTime(let milliseconds): "life=\(milliseconds)"
            }
            return "\(label):\(ordered ? "ordered" : "unordered"):\(kind)"
        }
    }

    /// How messages are made and checked (see data_peer.py).
    enum Pattern: String {
        /// Mixed sizes and types, checked in order against the regenerated sequence.
        case mix
        /// Each message carries its index; intact ones are logged with their arrival time.
        case indexed
    }

    /// When the peer starts sending once its own channels are open.
    enum Start {
        case immediately
        /// Once `release()` was called.
        case onRelease
    }

    let participant: String
    private let server: InteropServer
    private let process: ChildProcess
    private let stopFile: URL
    private let startFile: URL
    private let budget: Duration

    /// Starts the participant against `server`; `directory` holds its start and stop files.
    init(server: InteropServer, room: String, participant: String, token: String, directory: URL,
         send: [Channel] = [], subscribe: Bool, pattern: Pattern, messages: Int = 1000, rate: Double = 0,
         start: Start = .immediately, expectSenders: Int = 0, stallAfter: Int = 0, maxSeconds: Double = 50) throws
    {
        let python = InteropServer.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        let script = InteropServer.repositoryRoot.appendingPathComponent("Tests/Interop/data_peer.py")
        stopFile = directory.appendingPathComponent("\(participant).stop")
        startFile = directory.appendingPathComponent("\(participant).start")
        var arguments = [script.path, "--base-url", server.baseURL, "--room", room, "--participant", participant,
                         "--token", token, "--pattern", pattern.rawValue, "--messages", String(messages),
                         "--rate", String(rate), "--stop-file", stopFile.path, "--max-seconds", String(maxSeconds),
                         "--connect-timeout", "10"]
        for channel in send { arguments += ["--send", channel.argument] }
        if subscribe { arguments.append("--subscribe") }
        switch start {
        case .immediately: break
        case .onRelease: arguments += ["--start-file", startFile.path]
        }
        if expectSenders > 0 { arguments += ["--expect-senders", String(expectSenders)] }
        if stallAfter > 0 { arguments += ["--stall-after", String(stallAfter)] }
        self.participant = participant
        self.server = server
        budget = .seconds(maxSeconds + 20)
        process = try ChildProcess(executable: python, arguments: arguments,
                                   environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
    }

    deinit { process.kill() }

    /// Waits for the status line "status: `what`" (data_peer.py prints one per step); the error
    /// on a timeout shows the peer's output and the end of the server's log.
    @discardableResult
    func waitForStatus(_ what: String, timeout: Duration) async throws -> String {
        do {
            return try await process.waitForLine(containing: "status: \(what)", timeout: timeout)
        } catch {
            throw HarnessError("\(participant): \(error)\nserver log:\n\(server.logTail())")
        }
    }

    /// Lets a peer started with `.onRelease` send.
    func release() { _ = FileManager.default.createFile(atPath: startFile.path, contents: nil) }

    /// Ends the peer's run: it closes its connections and prints its report.
    func stop() { _ = FileManager.default.createFile(atPath: stopFile.path, contents: nil) }

    /// Continues a peer that stopped itself (`stallAfter`).
    func resume() { process.send(SIGCONT) }

    /// Waits for the peer to exit and parses the JSON object it printed.
    func report() async throws -> DataChannelReport {
        DataChannelReport(try await process.finalJSONObject(of: participant, within: budget))
    }
}

/// A temporary folder for the start and stop files of one test's peers.
///
/// Invariant: the folder is removed when this object goes away.
final class PeerControlDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("data-peers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension InteropServer {
    /// The last `lines` lines the server logged after its start-up lines (stdout and stderr), for
    /// failure messages.
    func logTail(_ lines: Int = 40) -> String {
        let all = (process.output + process.errorOutput).split(separator: "\n")
        let running = all.drop { !$0.contains(Self.readyMarker) }.dropFirst()
        return running.suffix(lines).joined(separator: "\n")
    }

    /// The `data-channel` entries of `GET …/participants/{participant}/stats`.
    func dataChannelStatistics(room: String, participant: String) async throws -> [[String: Any]] {
        let answer = try await request("GET", "/v1/rooms/\(room)/participants/\(participant)/stats")
        guard answer.status == 200 else { throw HarnessError("stats of \(participant): \(answer)") }
        return StatsView(answer.json).entries(ofType: "data-channel")
    }

    /// The `dataChannels` list of each participant of `room`, by participant id.
    func dataChannelLists(room: String) async throws -> [String: [[String: Any]]] {
        let answer = try await request("GET", "/v1/rooms/\(room)")
        guard answer.status == 200 else { throw HarnessError("room \(room): \(answer)") }
        var lists: [String: [[String: Any]]] = [:]
        for participant in answer.json["participants"] as? [[String: Any]] ?? [] {
            guard let id = participant["id"] as? String else { continue }
            lists[id] = participant["dataChannels"] as? [[String: Any]] ?? []
        }
        return lists
    }
}
