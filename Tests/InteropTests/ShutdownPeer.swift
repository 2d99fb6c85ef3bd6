import Foundation
import TestSupport

/// One running Tests/Interop/shutdown_peer.py: an aiortc participant that publishes or
/// subscribes, says `ready` once connected, then records how the server's shutdown reached it.
///
/// Invariant: the process is killed when this object goes away or `report()` times out.
final class ShutdownPeer {
    enum Role {
        case publish, subscribe
    }

    let participant: String
    private let process: ChildProcess

    init(server: InteropServer, room: String, participant: String, token: String, role: Role) throws {
        let python = InteropServer.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        let script = InteropServer.repositoryRoot.appendingPathComponent("Tests/Interop/shutdown_peer.py")
        self.participant = participant
        process = try ChildProcess(
            executable: python,
            arguments: [script.path, "--base-url", server.baseURL, "--room", room, "--participant", participant, "--token", token]
                + (role == .publish ? ["--publish", "av"] : ["--subscribe"]) + ["--connect-timeout", "10", "--max-wait", "30"],
            environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"])
    }

    deinit { process.kill() }

    /// Waits until the peer is connected (its `ready` line).
    func waitUntilReady() async throws {
        _ = try await process.waitForLine(containing: "ready", timeout: .seconds(30))
    }

    /// Waits for the peer to exit and parses its report.
    func report() async throws -> ShutdownReport {
        ShutdownReport(try await process.finalJSONObject(of: participant, within: .seconds(60)))
    }
}

/// What shutdown_peer.py printed.
struct ShutdownReport: CustomStringConvertible {
    let raw: [String: Any]

    init(_ raw: [String: Any]) { self.raw = raw }

    var errors: [String] { raw["errors"] as? [String] ?? [] }
    var connected: Bool { raw["connected"] as? Bool ?? false }
    /// The SSRCs of every BYE received, in order.
    var byeSources: [UInt32] {
        (raw["byes"] as? [[String: Any]] ?? []).flatMap { ($0["sources"] as? [Int] ?? []).map { UInt32(truncatingIfNeeded: $0) } }
    }
    var firstByeAtMs: Double? { (raw["byes"] as? [[String: Any]])?.compactMap { $0["atMs"] as? Double }.min() }
    var closeNotifyAtMs: Double? { raw["closeNotifyAtMs"] as? Double }
    var dtlsState: String? { raw["dtlsState"] as? String }
    var eventStreamEndedAtMs: Double? { raw["eventStreamEndedAtMs"] as? Double }
    var offeredSSRCs: [UInt32] { (raw["offeredSSRCs"] as? [Int] ?? []).map { UInt32(truncatingIfNeeded: $0) } }
    var framesReceived: Int { raw["framesReceived"] as? Int ?? 0 }
    var localUfrag: String? { raw["localUfrag"] as? String }
    var remoteUfrag: String? { raw["remoteUfrag"] as? String }
    var localPorts: [Int] { raw["localPorts"] as? [Int] ?? [] }
    var description: String { "\(raw)" }
}
