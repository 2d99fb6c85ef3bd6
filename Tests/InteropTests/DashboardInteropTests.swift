import Foundation
import Testing

/// The operator dashboard in headless Chromium against the real server while aiortc publishes
/// and another aiortc participant receives: the charts fill (in and out) from `GET /v1/stats`,
/// the rooms' list shows the room, the publisher and its tracks, the page raises no JavaScript error, and a refused key is shown as such. The
/// same run reads `GET /v1/rooms/{room}/stats` from the real workers.
///
/// With `SWITCHBOARD_DASHBOARD_SCREENSHOT=PATH` (relative to the repository) the check also
/// saves a 1280×800 screenshot there once the charts have about 20 s of data: docs/dashboard.png
/// is made that way.
@Suite("interop: the dashboard in headless Chromium", .serialized, .timeLimit(.minutes(3)))
struct DashboardInteropTests {
    static let screenshotVariable = "SWITCHBOARD_DASHBOARD_SCREENSHOT"

    @Test("charts of packets/s and bitrate fill in and out while a publisher sends to a subscriber; its room and tracks are listed; no JS error")
    func liveDashboard() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let token = try await server.makePublisher(room: "dashboard", participant: "alice")
        let publisher = try server.startPublisher(room: "dashboard", participant: "alice", token: token, seconds: 90)
        defer { publisher.kill() }
        let subscriberToken = try await server.makeParticipant(room: "dashboard", id: "bob")
        let subscriber = try ConferencePeer(
            server: server, room: "dashboard", participant: "bob", token: subscriberToken, publish: .none, subscribe: true,
            seconds: 60)
        let screenshot = ProcessInfo.processInfo.environment[Self.screenshotVariable].map {
            $0.hasPrefix("/") ? $0 : InteropServer.repositoryRoot.appendingPathComponent($0).path
        }

        let check = try await DashboardCheck.run(
            server, room: "dashboard", participant: "alice", screenshot: screenshot, expectOutbound: true)

        #expect(check.failure == nil, "\(check)")
        #expect(check.ready, "\(check)\npublisher stderr:\n\(publisher.errorOutput)")
        for chart in ["chart-packets", "chart-bitrate"] {
            #expect(check.chart(chart, "points") >= 3, "\(chart): \(check)")
            #expect(check.chart(chart, "lastIn") > 0, "\(chart): \(check)")
            #expect(check.chart(chart, "lastOut") > 0, "\(chart): bob receives, so the server sends: \(check)")
        }
        // Process memory comes from the same samples.
        #expect(check.chart("chart-memory", "points") >= 3, "\(check)")
        #expect(check.chart("chart-memory", "lastResident") > 1, "\(check)")
        #expect(check.workerRows == 2, "\(check)")
        #expect(check.consoleErrors.isEmpty, "\(check.consoleErrors)")
        #expect(check.fragmentKept == false, "the key stayed in the address: \(check)")

        // The tracks listed are the server's: same ids, same kinds.
        let (status, room) = try await server.request("GET", "/v1/rooms/dashboard")
        #expect(status == 200)
        let participants = room["participants"] as? [[String: Any]] ?? []
        let serverTracks = participants.first { $0["id"] as? String == "alice" }?["tracks"] as? [[String: Any]] ?? []
        var expected: [String: String] = [:]
        for track in serverTracks { expected[track["id"] as? String ?? ""] = track["kind"] as? String }
        #expect(Set(expected.values) == ["audio", "video"], "\(room)")
        #expect(check.tracks(room: "dashboard", participant: "alice") == expected, "\(check)")

        print("dashboard ready after \(check.seconds ?? -1) s: \(check.chart("chart-packets", "points")) samples, "
              + "\(check.chart("chart-packets", "lastIn")) packets/s, \(check.chart("chart-bitrate", "lastIn")) Mbit/s in")

        #expect(check.refusedKeyError.contains("401"), "\(check)")
        #expect(check.refusedKeyShowsForm, "\(check)")

        // The room's stats from the real workers: both participants' entries, ids prefixed with
        // their own, links resolving; the forwarded video as alice's inbound and bob's outbound.
        let (roomStatus, roomStats) = try await server.request("GET", "/v1/rooms/dashboard/stats")
        #expect(roomStatus == 200)
        let entries = StatsView(roomStats).entries
        #expect(Set(entries.compactMap { $0["participantId"] as? String }) == ["alice", "bob"], "\(entries)")
        #expect(entries.allSatisfy { entry in
            (entry["id"] as? String)?.hasPrefix("P\(entry["participantId"] as? String ?? "?")_") == true
        }, "\(entries)")
        let outbound = try #require(
            entries.first { $0["type"] as? String == "outbound-rtp" && $0["kind"] as? String == "video" }, "\(entries)")
        #expect(outbound["participantId"] as? String == "bob" && (outbound["packetsSent"] as? Int ?? 0) > 0, "\(outbound)")
        #expect(StatsView(roomStats).entry(id: outbound["codecId"])?["mimeType"] as? String == "video/VP8", "\(outbound)")
        let transport = try #require(
            entries.first { $0["type"] as? String == "transport" && $0["transportRole"] as? String == "publish" }, "\(entries)")
        let pair = try #require(StatsView(roomStats).entry(id: transport["selectedCandidatePairId"]), "\(entries)")
        #expect(StatsView(roomStats).entry(id: pair["localCandidateId"])?["type"] as? String == "local-candidate")
        let video = try #require(StatsView(roomStats).inbound(kind: "video"), "\(entries)")
        #expect(StatsView(roomStats).entry(id: video["codecId"])?["mimeType"] as? String == "video/VP8")
        #expect(try await server.request("GET", "/v1/rooms/dashboard/stats", token: token).status == 403)

        withExtendedLifetime(subscriber) {}  // (it is killed when released)

        if let screenshot {
            #expect(check.screenshot == screenshot, "\(check)")
            let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(screenshot): \(size) bytes")
        }
    }
}
