import ControlPlane
import Hummingbird
import HummingbirdTesting
import MediaContract
import Testing

/// `data-channel` entries of the stats endpoints (API.md "Stats"): their JSON, and their place
/// in `GET …/participants/{p}/stats`.
@Suite("Data channel stats")
struct DataChannelStatsTests {
    static let relayed = DataChannelStatistics(
        label: "chat", protocol: "alice", dataChannelIdentifier: 3, state: .open,
        messagesSent: 12, bytesSent: 3_400, messagesReceived: 0, bytesReceived: 0)

    @Test("one entry per channel: W3C RTCDataChannelStats fields, the transport role, an id per role and stream")
    func entryShape() {
        let entries = DataChannelStatsEntries.entries(
            [Self.relayed, DataChannelStatistics(label: "", protocol: "", dataChannelIdentifier: 0, state: .connecting)],
            role: .subscribe, timestamp: 1_700_000_000_123)
        #expect(entries == [
            .object([
                "id": .string("DC_subscribe_3"), "type": .string("data-channel"), "timestamp": .integer(1_700_000_000_123),
                "transportRole": .string("subscribe"), "label": .string("chat"), "protocol": .string("alice"),
                "dataChannelIdentifier": .integer(3), "state": .string("open"), "messagesSent": .integer(12),
                "bytesSent": .integer(3_400), "messagesReceived": .integer(0), "bytesReceived": .integer(0),
            ]),
            .object([
                "id": .string("DC_subscribe_0"), "type": .string("data-channel"), "timestamp": .integer(1_700_000_000_123),
                "transportRole": .string("subscribe"), "label": .string(""), "protocol": .string(""),
                "dataChannelIdentifier": .integer(0), "state": .string("connecting"), "messagesSent": .integer(0),
                "bytesSent": .integer(0), "messagesReceived": .integer(0), "bytesReceived": .integer(0),
            ]),
        ])
    }

    @Test("counters past Int64.max are written as Int64.max, not wrapped negative")
    func hugeCounters() {
        var statistics = Self.relayed
        statistics.bytesReceived = .max
        let entry = DataChannelStatsEntries.entries([statistics], role: .publish, timestamp: 0).first
        guard case .object(let fields) = entry else {
            Issue.record("not an object: \(String(describing: entry))")
            return
        }
        #expect(fields["bytesReceived"] == .integer(.max))
        #expect(fields["id"] == .string("DC_publish_3"))
    }

    @Test("GET …/stats lists each transport's channels with distinct ids")
    func statsEndpoint() async throws {
        let engine = PublishTestEngine()
        try await TestServer.run(engine: engine, stats: engine) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            let sent = DataChannelStatistics(
                label: "chat", protocol: "", dataChannelIdentifier: 3, state: .open, messagesReceived: 5, bytesReceived: 70)
            await engine.reportChannelStatistics([sent], role: .publish, room: "r1", participant: "p1")
            await engine.reportChannelStatistics([Self.relayed], role: .subscribe, room: "r1", participant: "p1")

            let report = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1/stats", credential: p1.token))
            let timestamp = try #require(report["timestamp"] as? Int)
            let stats = try #require(report["stats"] as? [[String: Any]])
            let channels = stats.filter { $0["type"] as? String == "data-channel" }
            try #require(channels.count == 2)
            #expect(channels.map { $0["id"] as? String } == ["DC_publish_3", "DC_subscribe_3"])
            #expect(channels.map { $0["transportRole"] as? String } == ["publish", "subscribe"])
            #expect(channels.allSatisfy { $0["timestamp"] as? Int == timestamp })
            let keys: Set<String> = [
                "id", "type", "timestamp", "transportRole", "label", "protocol", "dataChannelIdentifier", "state",
                "messagesSent", "bytesSent", "messagesReceived", "bytesReceived",
            ]
            #expect(channels.allSatisfy { Set($0.keys) == keys })
            #expect(channels[0]["messagesReceived"] as? Int == 5)
            #expect(channels[0]["bytesReceived"] as? Int == 70)
            #expect(channels[1]["protocol"] as? String == "alice")
            #expect(channels[1]["bytesSent"] as? Int == 3_400)
        }
    }
}
