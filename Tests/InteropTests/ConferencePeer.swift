import Foundation
import TestSupport

/// One running Tests/Interop/conference_peer.py: a conference participant (aiortc) that
/// publishes and/or subscribes, and reports as JSON when it exits.
///
/// Invariant: the process is killed when this object goes away or `report()` times out.
final class ConferencePeer {
    /// What the participant publishes (`--publish`).
    enum Media: String {
        case none, av, video, audio
    }

    let participant: String
    private let process: ChildProcess
    private let budget: Duration

    /// Starts the participant against `server`. It runs `seconds` once its transports are set
    /// up; with `untilLeft` it then also waits (at most `maxWait` s) for that participant's
    /// `participant-left` and 2 s more; with `leave` it finally DELETEs itself.
    init(server: InteropServer, room: String, participant: String, token: String, publish: Media,
         subscribe: Bool, seconds: Double, untilLeft: String? = nil, maxWait: Double = 20, leave: Bool = false) throws
    {
        let python = InteropServer.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        let script = InteropServer.repositoryRoot.appendingPathComponent("Tests/Interop/conference_peer.py")
        var arguments = [script.path, "--base-url", server.baseURL, "--room", room, "--participant", participant,
                         "--token", token, "--publish", publish.rawValue, "--seconds", String(seconds),
                         "--connect-timeout", "10", "--frame-log"]
        if subscribe { arguments.append("--subscribe") }
        if let untilLeft { arguments += ["--until-left", untilLeft, "--max-wait", String(maxWait)] }
        if leave { arguments.append("--leave") }
        self.participant = participant
        // The script's own bound (start, two connections, the run, waits, closing) plus slack.
        budget = .seconds(seconds + (untilLeft == nil ? 0 : maxWait + 2) + 60)
        process = try ChildProcess(executable: python, arguments: arguments,
                                   environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
    }

    deinit { process.kill() }

    /// Waits for the peer to exit and parses the JSON object it printed.
    func report() async throws -> ConferenceReport {
        ConferenceReport(try await process.finalJSONObject(of: participant, within: budget))
    }
}

/// How many of the video frames a publisher handed to its encoder during a window a subscriber
/// decoded (by the frame numbers drawn into the pixels), over the whole window and from the
/// first frame it decoded in the window on (which leaves out the wait for a key frame).
struct FrameDelivery: CustomStringConvertible {
    let sent: Int
    let decoded: Int
    /// Frames sent in the window from the first decoded one on, and how many were decoded.
    let sentSinceFirst: Int
    /// How long after the window opened the first decoded frame had been sent, in ms.
    let firstFrameDelayMs: Double?

    /// The frames of `track` produced in [startMs, startMs + seconds) and which of them
    /// `received` decoded.
    init(of track: ConferenceReport.SentTrack, to received: ConferenceReport.RemoteTrack, fromMs startMs: Double,
         seconds: Double)
    {
        let window = startMs..<(startMs + seconds * 1000)
        let numbers = track.frameTimesMs.indices.filter { window.contains(track.frameTimesMs[$0]) }
        // Frame numbers wrap at 16 bits, after more than half an hour at 30 fps.
        let decodedNumbers = numbers.filter { received.frameNumbers.contains($0 & 0xFFFF) }
        sent = numbers.count
        decoded = decodedNumbers.count
        if let first = decodedNumbers.first {
            sentSinceFirst = numbers.count(where: { $0 >= first })
            firstFrameDelayMs = track.frameTimesMs[first] - startMs
        } else {
            sentSinceFirst = 0
            firstFrameDelayMs = nil
        }
    }

    var fraction: Double { sent == 0 ? 0 : Double(decoded) / Double(sent) }
    /// The fraction decoded from the first decoded frame on: forwarding losses alone.
    var fractionSinceFirst: Double { sentSinceFirst == 0 ? 0 : Double(decoded) / Double(sentSinceFirst) }
    var description: String {
        "\(decoded)/\(sent) frames (\(Int((fraction * 100).rounded())) %), \(decoded)/\(sentSinceFirst) from the first "
            + "decoded one, sent \(firstFrameDelayMs.map { "\(Int($0)) ms" } ?? "never") into the window"
    }
}

extension InteropServer {
    /// Creates the room `room` with the operator key.
    func makeRoom(_ room: String) async throws {
        let created = try await request("POST", "/v1/rooms", json: ["id": room])
        guard created.status == 201 else { throw HarnessError("room: \(created)") }
    }

    /// Creates participant `id` in `room`; returns its token.
    func makeParticipant(room: String, id: String) async throws -> String {
        let joined = try await request("POST", "/v1/rooms/\(room)/participants", json: ["id": id])
        guard joined.status == 201, let token = joined.json["token"] as? String else {
            throw HarnessError("participant: \(joined)")
        }
        return token
    }

    /// Polls `GET` of the participant until it is connected with `tracks` tracks, at most `timeout`.
    func waitUntilPublishing(room: String, participant: String, tracks: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            last = try await request("GET", "/v1/rooms/\(room)/participants/\(participant)").json
            if last["state"] as? String == "connected", (last["tracks"] as? [Any])?.count == tracks { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("\(participant) not publishing \(tracks) tracks within \(timeout): \(last)")
    }
}
