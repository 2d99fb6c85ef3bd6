import Foundation
import TestSupport
import Testing

/// The operator's figures of a real server while aiortc publishes: `GET /v1/stats` shows the
/// traffic, the CPU time, the buffer pools, the process's memory and the room; `GET /metrics`
/// parses with prometheus_client's parser (Tests/Interop/metrics_check.py) and agrees with it;
/// `/metrics` needs the operator key unless `metrics.public` says otherwise.
@Suite("interop: operator stats and Prometheus metrics", .serialized, .timeLimit(.minutes(3)))
struct OperatorStatsInteropTests {
    /// What metrics_check.py printed.
    struct MetricsCheck {
        let object: [String: Any]

        var error: String? { object["error"] as? String }
        var statsBefore: [String: Any] { object["statsBefore"] as? [String: Any] ?? [:] }
        var statsAfter: [String: Any] { object["statsAfter"] as? [String: Any] ?? [:] }
        var metricsStatus: Int? { object["metricsStatus"] as? Int }
        var metricsContentType: String? { object["metricsContentType"] as? String }
        var unauthenticatedStatus: Int? { object["unauthenticatedStatus"] as? Int }
        var families: [String: Any] { object["families"] as? [String: Any] ?? [:] }

        /// The samples of family `name`: (sample name, labels, value).
        func samples(_ family: String) -> [(name: String, labels: [String: String], value: Double)] {
            let samples = (families[family] as? [String: Any])?["samples"] as? [[String: Any]] ?? []
            return samples.map {
                ($0["name"] as? String ?? "", $0["labels"] as? [String: String] ?? [:], ($0["value"] as? NSNumber)?.doubleValue ?? .nan)
            }
        }

        func type(_ family: String) -> String? { (families[family] as? [String: Any])?["type"] as? String }

        /// The value of `sample` in `family` whose labels are `labels`.
        func value(_ family: String, _ sample: String, _ labels: [String: String] = [:]) -> Double? {
            samples(family).first { $0.name == sample && $0.labels == labels }?.value
        }
    }

    static func runCheck(_ server: InteropServer) async throws -> MetricsCheck {
        let root = InteropServer.repositoryRoot
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw HarnessError("no \(python.path): run scripts/setup.sh")
        }
        let check = try ChildProcess(
            executable: python,
            arguments: [root.appendingPathComponent("Tests/Interop/metrics_check.py").path, "--base", server.baseURL,
                        "--key", InteropServer.operatorKey],
            environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
        return MetricsCheck(object: try await check.finalJSONObject(of: "metrics_check.py", within: .seconds(30)))
    }

    /// Starts Tests/Interop/publish_peer.py sending for `seconds` (it is killed when the test
    /// lets go of it).
    static func startPublisher(_ server: InteropServer, room: String, participant: String, token: String, seconds: Double)
        throws -> ChildProcess
    {
        let root = InteropServer.repositoryRoot
        return try ChildProcess(
            executable: root.appendingPathComponent(".venv/bin/python"),
            arguments: [root.appendingPathComponent("Tests/Interop/publish_peer.py").path, "--base", server.baseURL,
                        "--room", room, "--participant", participant, "--token", token, "--seconds", String(seconds),
                        "--connect-timeout", "5"],
            environment: ["PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"])
    }

    static func number(_ object: [String: Any], _ key: String) -> Double {
        (object[key] as? NSNumber)?.doubleValue ?? -1
    }

    @Test("while aiortc publishes, /v1/stats shows it and /metrics parses and agrees")
    func statsAndMetricsOfALivePublisher() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let token = try await server.makePublisher(room: "metrics", participant: "alice")
        let publisher = try Self.startPublisher(server, room: "metrics", participant: "alice", token: token, seconds: 20)
        defer { publisher.kill() }

        // Wait (bounded) until the sampler's two latest samples both saw media arrive.
        var stats: [String: Any] = [:]
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let (status, body) = try await server.request("GET", "/v1/stats")
            #expect(status == 200)
            stats = body
            let workers = body["workers"] as? [[String: Any]] ?? []
            // CPU time moves in clock ticks (10 ms): a worker at 1 % takes a second or two to show one.
            if workers.contains(where: { Self.number($0, "packetsInPerSecond") > 10 && Self.number($0, "cpuSeconds") > 0 }) {
                break
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        let workers = try #require(stats["workers"] as? [[String: Any]], "\(stats)\npublisher:\n\(publisher.errorOutput)")
        #expect(workers.count == 2)
        #expect(workers.map { $0["id"] as? Int } == [0, 1])
        let busy = try #require(workers.first { Self.number($0, "packetsInPerSecond") > 10 },
                                "no worker receives media: \(stats)\npublisher:\n\(publisher.errorOutput)")
        #expect(Self.number(busy, "transports") == 1)
        #expect(Self.number(busy, "bytesInPerSecond") > 1000, "\(busy)")
        #expect(Self.number(busy, "packetsIn") > 0 && Self.number(busy, "bytesIn") > Self.number(busy, "packetsIn"))
        // Out: STUN answers and RTCP feedback at least.
        #expect(Self.number(busy, "packetsOut") > 0)
        #expect(Self.number(busy, "srtpFailures") == 0, "\(busy)")
        #expect(Self.number(busy, "cpuSeconds") > 0, "\(busy)")
        let utilization = Self.number(busy, "cpuUtilization")
        #expect(utilization >= 0 && utilization <= 1, "\(busy)")
        let pool = try #require(busy["bufferPool"] as? [String: Any])
        #expect(Self.number(pool, "capacity") > 0 && Self.number(pool, "inUse") <= Self.number(pool, "capacity"))
        #expect(Self.number(stats, "intervalSeconds") > 0.5 && Self.number(stats, "intervalSeconds") < 5)
        #expect(stats["rooms"] as? Int == 1)
        #expect(stats["participants"] as? Int == 1)
        #expect((stats["roomList"] as? [[String: Any]])?.first?["id"] as? String == "metrics")
        let process = try #require(stats["process"] as? [String: Any])
        #expect(Self.number(process, "residentBytes") > 1_048_576, "\(process)")
        #expect(Self.number(process, "allocatedBytes") > 0, "\(process)")
        #expect(Self.number(process, "allocatorResidentBytes") >= Self.number(process, "allocatedBytes"), "\(process)")
        #expect(Self.number(process, "cpuSeconds") >= Self.number(busy, "cpuSeconds"), "\(process)")
        let totals = try #require(stats["totals"] as? [String: Any])
        #expect(Self.number(totals, "packetsIn") == workers.reduce(0) { $0 + Self.number($1, "packetsIn") })

        let check = try await Self.runCheck(server)
        #expect(check.error == nil, "\(check.object)")
        #expect(check.metricsStatus == 200)
        #expect(check.metricsContentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(check.unauthenticatedStatus == 401)
        #expect(check.type("switchboard_worker_packets_received") == "counter")
        #expect(check.type("switchboard_worker_transports") == "gauge")
        // The same workers, and counters between the two /v1/stats answers around the scrape.
        let received = check.samples("switchboard_worker_packets_received")
        #expect(Set(received.map { $0.labels["worker"] ?? "" }) == ["0", "1"])
        let before = check.statsBefore["workers"] as? [[String: Any]] ?? []
        let after = check.statsAfter["workers"] as? [[String: Any]] ?? []
        #expect(before.count == 2 && after.count == 2)
        for (first, last) in zip(before, after) {
            let labels = ["worker": "\(first["id"] as? Int ?? -1)"]
            for (family, key) in [("switchboard_worker_packets_received", "packetsIn"), ("switchboard_worker_packets_sent", "packetsOut"),
                                  ("switchboard_worker_received_bytes", "bytesIn"), ("switchboard_worker_sent_bytes", "bytesOut")] {
                let value = try #require(check.value(family, family + "_total", labels), "\(family) \(labels)")
                #expect(value >= Self.number(first, key) && value <= Self.number(last, key),
                        "\(family)\(labels) = \(value), stats \(Self.number(first, key))...\(Self.number(last, key))")
            }
            let capacity = check.value("switchboard_worker_buffer_pool_capacity_slots", "switchboard_worker_buffer_pool_capacity_slots", labels)
            #expect(capacity == Self.number(last["bufferPool"] as? [String: Any] ?? [:], "capacity"))
        }
        #expect(check.value("switchboard_rooms", "switchboard_rooms") == 1)
        #expect(check.value("switchboard_room_participants", "switchboard_room_participants", ["room": "metrics"]) == 1)
        #expect((check.value("process_resident_memory_bytes", "process_resident_memory_bytes") ?? 0) > 1_048_576)
        #expect((check.value("switchboard_jemalloc_allocated_bytes", "switchboard_jemalloc_allocated_bytes") ?? 0) > 0)
        #expect((check.value("process_cpu_seconds", "process_cpu_seconds_total") ?? 0) > 0)
    }

    @Test("with metrics.public, /metrics answers without credentials; /v1/stats still needs the key")
    func publicMetrics() async throws {
        let server = try await InteropServer(settings: ["SWITCHBOARD_METRICS_PUBLIC": "true"])
        defer { server.process.kill() }
        let check = try await Self.runCheck(server)
        #expect(check.error == nil, "\(check.object)")
        #expect(check.unauthenticatedStatus == 200)
        #expect(check.samples("switchboard_worker_packets_received").count == 1)
        let (status, _) = try await server.request("GET", "/v1/stats", token: "not-the-key")
        #expect(status == 401)
    }
}
