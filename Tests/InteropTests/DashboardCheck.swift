import Foundation
import TestSupport

/// What Tests/Interop/dashboard_check.py saw in headless Chromium: the charts' data attributes,
/// the rooms' list, the browser's console errors and the page's answer to a refused key.
struct DashboardCheck: CustomStringConvertible {
    static let chromium = "/usr/lib/chromium/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    let raw: [String: Any]

    /// Runs the script against `server` (bounded: its own waits, then `budget` for the process).
    static func run(
        _ server: InteropServer, room: String, participant: String, screenshot: String?, expectOutbound: Bool = false,
        budget: Duration = .seconds(120)
    ) async throws -> DashboardCheck {
        let python = InteropServer.repositoryRoot.appendingPathComponent(".venv/bin/python")
        for path in [python.path, chromium, chromedriver] where !FileManager.default.isExecutableFile(atPath: path) {
            throw HarnessError("no \(path): run scripts/setup.sh")
        }
        var arguments = [
            InteropServer.repositoryRoot.appendingPathComponent("Tests/Interop/dashboard_check.py").path,
            "--base", server.baseURL, "--key", InteropServer.operatorKey, "--room", room, "--participant", participant,
            "--timeout", "30",
        ]
        if let screenshot { arguments += ["--screenshot", screenshot] }
        if expectOutbound { arguments.append("--expect-outbound") }
        // The browser's home and temporary files (its profile, its singleton socket) go to a
        // folder of this run, removed afterwards.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let check = try ChildProcess(
            executable: python, arguments: arguments,
            environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1", "HOME": scratch.path, "TMPDIR": scratch.path])
        return DashboardCheck(raw: try await check.finalJSONObject(of: "dashboard_check.py", within: budget))
    }

    var ready: Bool { raw["ready"] as? Bool ?? false }
    /// From loading the page to its being ready (or to the script's timeout).
    var seconds: Double? { raw["seconds"] as? Double }
    var failure: String? { raw["failure"] as? String }
    var consoleErrors: [String] { raw["consoleErrors"] as? [String] ?? [] }
    /// Whether the address still had a fragment (the key) once the page had read it.
    var fragmentKept: Bool? { raw["fragmentKept"] as? Bool }
    var workerRows: Int { raw["workers"] as? Int ?? 0 }
    var screenshot: String? { raw["screenshot"] as? String }
    var refusedKeyError: String { (raw["refusedKey"] as? [String: Any])?["error"] as? String ?? "" }
    var refusedKeyShowsForm: Bool { (raw["refusedKey"] as? [String: Any])?["keyFormShown"] as? Bool ?? false }

    /// The canvas's `data-<name>` attribute as a number (`points`, `lastIn`, `lastOut`, …).
    func chart(_ id: String, _ name: String) -> Double {
        let attributes = (raw["charts"] as? [String: Any])?[id] as? [String: Any]
        return Double(attributes?[name] as? String ?? "") ?? 0
    }

    /// The tracks (id → kind) listed under `participant` of `room`; nil when either is not listed.
    func tracks(room: String, participant: String) -> [String: String]? {
        let rooms = raw["rooms"] as? [[String: Any]] ?? []
        guard let listed = rooms.first(where: { $0["id"] as? String == room }),
              let entry = (listed["participants"] as? [[String: Any]])?.first(where: { $0["id"] as? String == participant })
        else { return nil }
        var tracks: [String: String] = [:]
        for track in entry["tracks"] as? [[String: Any]] ?? [] {
            if let id = track["id"] as? String { tracks[id] = track["kind"] as? String ?? "" }
        }
        return tracks
    }

    var description: String { "\(raw)" }
}

extension InteropServer {
    /// Starts Tests/Interop/publish_peer.py publishing for about `seconds` and returns it
    /// running (its process is killed when the returned object goes away).
    func startPublisher(room: String, participant: String, token: String, seconds: Double) throws -> ChildProcess {
        let python = Self.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        return try ChildProcess(
            executable: python,
            arguments: [Self.repositoryRoot.appendingPathComponent("Tests/Interop/publish_peer.py").path,
                        "--base", baseURL, "--room", room, "--participant", participant, "--token", token,
                        "--seconds", String(seconds), "--connect-timeout", "5"],
            environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
    }
}
