import Foundation
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

/// A real `switchboard` process on loopback (HTTP on a free port, media worker k on UDP port
/// P + k for a free port P), with a room and a publishing participant made over HTTP with the
/// operator key.
final class InteropServer {
    static let operatorKey = "interop-operator-key"
    static let readyMarker = "ready: listening on http://"

    /// The repository root (this file is Tests/InteropTests/InteropServer.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let process: ChildProcess
    let baseURL: String

    /// Starts the server with `workers` media workers, allowing only `srtpProfiles` (nil: the
    /// configured default), with `settings` as further `SWITCHBOARD_*` environment variables and
    /// `arguments` as further flags, and waits for its ready line.
    init(srtpProfiles: [String]? = nil, workers: Int = 1, settings: [String: String] = [:], arguments: [String] = []) async throws {
        var environment = settings
        environment["SWITCHBOARD_API_KEYS"] = Self.operatorKey
        if let srtpProfiles { environment["SWITCHBOARD_SRTP_PROFILES"] = srtpProfiles.joined(separator: ",") }
        process = try SwitchboardBinary.start(
            arguments: ["--http", "127.0.0.1:0", "--listen-ip", "127.0.0.1", "--workers", String(workers)] + arguments,
            environment: environment)
        let ready = try await process.waitForLine(containing: Self.readyMarker, timeout: .seconds(20))
        guard let authority = ready.components(separatedBy: Self.readyMarker).last else {
            throw HarnessError("ready line without address: \(ready)")
        }
        baseURL = "http://" + authority.trimmingCharacters(in: .whitespaces)
    }

    /// Sends a request with the operator key (or `token`) and returns status and JSON body.
    func request(_ method: String, _ path: String, json body: [String: Any]? = nil, token: String? = nil)
        async throws -> (status: Int, json: [String: Any])
    {
        var request = URLRequest(url: URL(string: baseURL + path)!, timeoutInterval: 5)
        request.httpMethod = method
        request.setValue("Bearer \(token ?? Self.operatorKey)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, json)
    }

    /// Creates `room` and a participant in it; returns the participant's token.
    func makePublisher(room: String, participant: String) async throws -> String {
        let created = try await request("POST", "/v1/rooms", json: ["id": room])
        guard created.status == 201 else { throw HarnessError("room: \(created)") }
        let joined = try await request("POST", "/v1/rooms/\(room)/participants", json: ["id": participant])
        guard joined.status == 201, let token = joined.json["token"] as? String else { throw HarnessError("participant: \(joined)") }
        return token
    }

    /// Runs Tests/Interop/publish_peer.py against this server and returns its JSON result.
    func runPublisher(room: String, participant: String, token: String, seconds: Double, tamperFingerprint: Bool = false)
        async throws -> PeerResult
    {
        let python = Self.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        var arguments = [Self.repositoryRoot.appendingPathComponent("Tests/Interop/publish_peer.py").path,
                         "--base", baseURL, "--room", room, "--participant", participant, "--token", token,
                         "--seconds", String(seconds), "--connect-timeout", "5"]
        if tamperFingerprint { arguments.append("--tamper-fingerprint") }
        let peer = try ChildProcess(executable: python, arguments: arguments,
                                    environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
        _ = try await peer.waitForExit(timeout: .seconds(seconds + 30))
        let output = peer.output
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw HarnessError("no JSON from the peer\nstdout:\n\(output)\nstderr:\n\(peer.errorOutput)") }
        return PeerResult(object)
    }
}
