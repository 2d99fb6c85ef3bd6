import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MediaContract
import ServerConfig
import Synchronization
import Testing

/// A sample source for these tests only: sample n is taken at n seconds of monotonic time, and
/// its counters grow by a fixed amount per sample, so every rate is known exactly whatever the
/// wall clock does. Worker 0 receives 100 packets/s, worker 1 twice that; worker 1's CPU time
/// is unknown.
final class SteppingSampleSource: ServerSampleSource {
    private let step = Mutex(0)

    var samplesTaken: Int { step.withLock { $0 } }

    func sample() async -> ServerSample {
        let n = step.withLock { step in
            step += 1
            return step
        }
        let k = UInt64(n)
        return ServerSample(
            monotonicNanoseconds: Int64(n) * 1_000_000_000,
            workers: [
                WorkerSample(id: 0, transports: 2, packetsIn: 100 * k, packetsOut: 50 * k, bytesIn: 120_000 * k,
                             bytesOut: 60_000 * k, srtpFailures: 3, parseFailures: 4, queueDrops: 5, cpuSeconds: 0.25 * Double(n),
                             bufferPool: BufferPoolSample(capacity: 8192, inUse: 10)),
                WorkerSample(id: 1, transports: 1, packetsIn: 200 * k, packetsOut: 100 * k, bytesIn: 240_000 * k,
                             bytesOut: 120_000 * k, srtpFailures: 0, parseFailures: 1, queueDrops: 0, cpuSeconds: nil,
                             bufferPool: BufferPoolSample(capacity: 8192, inUse: 20)),
            ],
            dataChannels: DataChannelThreadSample(associations: 1, cpuSeconds: 0.5 * Double(n), queueDrops: 7),
            process: ProcessSample(residentBytes: 50_000_000, cpuSeconds: 2.5 * Double(n), allocatedBytes: 10_000_000,
                                   allocatorActiveBytes: 12_000_000, allocatorResidentBytes: 20_000_000))
    }
}

@Suite("GET /v1/stats and GET /metrics")
struct OperatorStatsEndpointTests {
    static func configuration(sampleMilliseconds: Int = 60_000, metricsPublic: Bool = false, maxRoomLabels: Int = 100)
        -> ServerConfiguration
    {
        var configuration = TestServer.configuration()
        configuration.stats = .init(sampleIntervalMilliseconds: sampleMilliseconds)
        configuration.metrics = .init(isPublic: metricsPublic, maxRoomLabels: maxRoomLabels)
        return configuration
    }

    /// Runs `body` against the whole application (its sampler service included).
    static func run(
        _ configuration: ServerConfiguration = configuration(), source: (any ServerSampleSource)? = SteppingSampleSource(),
        _ body: @escaping @Sendable (TestAPI) async throws -> Void
    ) async throws {
        let app = buildApplication(
            configuration: configuration, logger: Logger(label: "test"), mediaEngine: nil, serverSamples: source)
        try await app.test(.router) { client in try await body(TestAPI(client: client)) }
    }

    /// `name{labels} value` lines of a Prometheus exposition, by series (`name{labels}`).
    static func series(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        return values
    }

    @Test("credentials: 401 without or with a wrong key, 403 for a participant token, 405 other methods")
    func credentials() async throws {
        try await Self.run { api in
            _ = try await api.createRoom(#"{"id":"r"}"#)
            let participant = try await api.createParticipant(room: "r")
            for path in ["/v1/stats", "/metrics"] {
                expectError(try await api.send(.get, path, credential: nil), .unauthorized, "missing_credentials")
                expectError(try await api.send(.get, path, credential: "not-a-key"), .unauthorized, "unknown_key")
                expectError(try await api.send(.get, path, credential: participant.token), .forbidden, "operator_only")
                for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                    let refused = try await api.send(method, path)
                    expectError(refused, .methodNotAllowed, "method_not_allowed")
                    #expect(refused.headers[.allow] == "GET")
                }
                #expect(try await api.send(.get, path).status == .ok)
            }
        }
    }

    @Test("the JSON has every field of the contract, with rates between the last two samples")
    func statsShapeAndRates() async throws {
        try await Self.run(Self.configuration(sampleMilliseconds: 100)) { api in
            _ = try await api.createRoom(#"{"id":"alpha"}"#)
            _ = try await api.createRoom(#"{"id":"beta"}"#)
            _ = try await api.createParticipant(room: "alpha", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "alpha", #"{"id":"p2"}"#)
            var body: [String: Any] = [:]
            // The sampler ticks every 100 ms; rates exist once it has two samples.
            let deadline = ContinuousClock.now + .seconds(10)
            repeat {
                let response = try await api.send(.get, "/v1/stats")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                body = try JSONBody.object(response)
                if (body["intervalSeconds"] as? Double ?? 0) > 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            } while ContinuousClock.now < deadline
            #expect(Set(body.keys).isSuperset(of: [
                "timestamp", "intervalSeconds", "uptimeSeconds", "rooms", "participants", "workers", "dataChannels", "totals",
                "process", "roomList",
            ]))
            // The source's samples are exactly 1 s apart on the monotonic clock.
            #expect(body["intervalSeconds"] as? Double == 1)
            #expect((body["timestamp"] as? Int64 ?? 0) > 1_600_000_000_000)
            #expect(body["rooms"] as? Int == 2)
            #expect(body["participants"] as? Int == 2)
            let roomList = try #require(body["roomList"] as? [[String: Any]])
            #expect(roomList.map { $0["id"] as? String } == ["alpha", "beta"])
            #expect(roomList.map { $0["participants"] as? Int } == [2, 0])

            let workers = try #require(body["workers"] as? [[String: Any]])
            #expect(workers.count == 2)
            let first = workers[0], second = workers[1]
            #expect(Set(first.keys) == [
                "id", "transports", "packetsIn", "packetsOut", "bytesIn", "bytesOut", "packetsInPerSecond", "packetsOutPerSecond",
                "bytesInPerSecond", "bytesOutPerSecond", "srtpFailures", "parseFailures", "queueDrops", "cpuSeconds",
                "cpuUtilization", "bufferPool",
            ])
            #expect(first["id"] as? Int == 0 && second["id"] as? Int == 1)
            #expect(first["packetsInPerSecond"] as? Double == 100)
            #expect(first["packetsOutPerSecond"] as? Double == 50)
            #expect(first["bytesInPerSecond"] as? Double == 120_000)
            #expect(first["bytesOutPerSecond"] as? Double == 60_000)
            #expect(second["packetsInPerSecond"] as? Double == 200)
            #expect(first["cpuUtilization"] as? Double == 0.25)
            #expect(second["cpuUtilization"] is NSNull)
            #expect(second["cpuSeconds"] is NSNull)
            let n = try #require(first["packetsIn"] as? Int) / 100
            #expect(n >= 2)
            #expect(first["bytesIn"] as? Int == 120_000 * n)
            #expect(first["srtpFailures"] as? Int == 3 && first["parseFailures"] as? Int == 4 && first["queueDrops"] as? Int == 5)
            #expect(first["bufferPool"] as? [String: Int] == ["capacity": 8192, "inUse": 10])

            let totals = try #require(body["totals"] as? [String: Any])
            #expect(totals["transports"] as? Int == 3)
            #expect(totals["packetsIn"] as? Int == 300 * n)
            #expect(totals["packetsInPerSecond"] as? Double == 300)
            #expect(totals["bytesOutPerSecond"] as? Double == 180_000)
            #expect(totals["parseFailures"] as? Int == 5)
            #expect(totals["queueDrops"] as? Int == 5)
            #expect(totals["cpuSeconds"] as? Double == 0.25 * Double(n))

            let dataChannels = try #require(body["dataChannels"] as? [String: Any])
            #expect(dataChannels["associations"] as? Int == 1)
            #expect(dataChannels["cpuUtilization"] as? Double == 0.5)
            #expect(dataChannels["queueDrops"] as? Int == 7)
            let process = try #require(body["process"] as? [String: Any])
            #expect(process["residentBytes"] as? Int == 50_000_000)
            #expect(process["allocatedBytes"] as? Int == 10_000_000)
            #expect(process["allocatorActiveBytes"] as? Int == 12_000_000)
            #expect(process["allocatorResidentBytes"] as? Int == 20_000_000)
        }
    }

    @Test("/metrics is Prometheus text with the same figures as /v1/stats")
    func metricsAgreeWithStats() async throws {
        // A 60 s interval: both answers read the same sample.
        try await Self.run { api in
            _ = try await api.createRoom(#"{"id":"alpha"}"#)
            _ = try await api.createParticipant(room: "alpha", #"{"id":"p1"}"#)
            let stats = try JSONBody.object(try await api.send(.get, "/v1/stats"))
            let response = try await api.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: response.body)
            let series = Self.series(text)
            let workers = try #require(stats["workers"] as? [[String: Any]])
            for worker in workers {
                let label = "{worker=\"\(worker["id"] as? Int ?? -1)\"}"
                #expect(series["switchboard_worker_packets_received_total" + label] == Double(worker["packetsIn"] as? Int ?? -1))
                #expect(series["switchboard_worker_sent_bytes_total" + label] == Double(worker["bytesOut"] as? Int ?? -1))
                #expect(series["switchboard_worker_queue_drops_total" + label] == Double(worker["queueDrops"] as? Int ?? -1))
                #expect(series["switchboard_worker_transports" + label] == Double(worker["transports"] as? Int ?? -1))
                #expect(series["switchboard_worker_buffer_pool_capacity_slots" + label] == 8192)
                // Worker 1's CPU time is unknown: no series rather than a false 0.
                #expect((series["switchboard_worker_cpu_seconds_total" + label] != nil) == (worker["cpuSeconds"] is Double))
            }
            #expect(series["switchboard_rooms"] == 1)
            #expect(series["switchboard_participants"] == 1)
            #expect(series["switchboard_room_participants{room=\"alpha\"}"] == 1)
            #expect(series["process_resident_memory_bytes"] == 50_000_000)
            #expect(series["switchboard_jemalloc_allocated_bytes"] == 10_000_000)
            #expect(series["switchboard_jemalloc_active_bytes"] == 12_000_000)
            #expect(series["switchboard_jemalloc_resident_bytes"] == 20_000_000)
            #expect(series["switchboard_data_channel_associations"] == 1)
            #expect(text.contains("# TYPE switchboard_worker_packets_received_total counter"))
            #expect(text.contains("# TYPE switchboard_worker_transports gauge"))
            #expect(text.contains("# HELP switchboard_worker_packets_received_total "))
            // Every sample line is `name{labels} value` or `name value`.
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(line.wholeMatch(of: /[a-z_]+(\{[a-z]+="[^"]*"\})? [0-9.e+-]+/) != nil, "\(line)")
            }
        }
    }

    @Test("room labels appear only while the open rooms are at most metrics.maxRoomLabels")
    func roomLabelsAreBounded() async throws {
        try await Self.run(Self.configuration(maxRoomLabels: 2)) { api in
            _ = try await api.createRoom(#"{"id":"one"}"#)
            _ = try await api.createRoom(#"{"id":"two"}"#)
            var series = Self.series(String(buffer: try await api.send(.get, "/metrics").body))
            #expect(series["switchboard_room_participants{room=\"one\"}"] == 0)
            #expect(series["switchboard_room_participants{room=\"two\"}"] == 0)
            _ = try await api.createRoom(#"{"id":"three"}"#)
            series = Self.series(String(buffer: try await api.send(.get, "/metrics").body))
            #expect(!series.keys.contains { $0.hasPrefix("switchboard_room_participants") })
            #expect(series["switchboard_rooms"] == 3)
        }
    }

    @Test("metrics.public opens /metrics without credentials but not /v1/stats")
    func publicMetrics() async throws {
        try await Self.run(Self.configuration(metricsPublic: true)) { api in
            let metrics = try await api.send(.get, "/metrics", credential: nil)
            #expect(metrics.status == .ok)
            #expect(Self.series(String(buffer: metrics.body))["switchboard_worker_packets_received_total{worker=\"0\"}"] != nil)
            expectError(try await api.send(.get, "/v1/stats", credential: nil), .unauthorized, "missing_credentials")
        }
    }

    @Test("without a media side the report has the rooms but no workers")
    func withoutMedia() async throws {
        try await Self.run(source: nil) { api in
            _ = try await api.createRoom(#"{"id":"quiet"}"#)
            let body = try JSONBody.object(try await api.send(.get, "/v1/stats"))
            #expect(body["rooms"] as? Int == 1)
            #expect((body["workers"] as? [Any])?.isEmpty == true)
            #expect(body["intervalSeconds"] as? Double == 0)
            let process = try #require(body["process"] as? [String: Any])
            #expect(process["residentBytes"] is NSNull)
            let text = String(buffer: try await api.send(.get, "/metrics").body)
            #expect(Self.series(text)["switchboard_rooms"] == 1)
            #expect(!text.contains("worker=\""))
        }
    }
}
