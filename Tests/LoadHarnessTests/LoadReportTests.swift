import Foundation
import LoadHarness
import LoadModel
import Testing

/// A report built from hand-made snapshots: one publisher (transport 0) sending stream 1, one
/// subscriber (transport 1) that got every probe but 5 (and one twice), one subscriber whose
/// subscribe step failed.
@Suite struct LoadReportTests {
    static let millisecond: Int64 = 1_000_000

    static func traffic(sent: UInt64, received: UInt64) -> TrafficCounters {
        var traffic = TrafficCounters()
        traffic.rtpPacketsSent = sent
        traffic.rtpBytesSent = sent * 1000
        traffic.rtpPacketsReceived = received
        traffic.rtpBytesReceived = received * 1000
        return traffic
    }

    static func snapshot(at seconds: Int64, traffic: TrafficCounters, receptions: [ReceptionRecord] = [],
                         delays: DelayHistogram = DelayHistogram(), workerCPU: Double?) -> LoadSnapshot {
        let transports = [
            TransportProgress(transport: 0, phase: .connected, startedAt: 0, connectedAt: 80 * millisecond,
                              firstMediaSentAt: 100 * millisecond),
            TransportProgress(transport: 1, phase: .connected, startedAt: 60 * millisecond, connectedAt: 200 * millisecond,
                              firstMediaReceivedAt: 350 * millisecond),
        ]
        return LoadSnapshot(
            takenAt: seconds * 1_000_000_000, transports: transports, traffic: traffic,
            senders: [SenderRecord(stream: ProbeStreamID(rawValue: 1), packetsSent: 320, packetsDropped: 0)],
            receptions: receptions, dataReceptions: [], mediaDelays: delays, dataDelays: DelayHistogram(),
            workerCPUSeconds: workerCPU)
    }

    static func measurements(server: Bool) -> LoadMeasurements {
        var reception = StreamReception(stream: ProbeStreamID(rawValue: 1))
        var delays = DelayHistogram()
        for sequence in UInt64(0)..<320 where !(100..<105).contains(sequence) {
            let sentAt = 1_000_000_000 + Int64(sequence) * 10 * millisecond
            let probe = ProbeTrailer(stream: ProbeStreamID(rawValue: 1), sequence: sequence, sentAt: sentAt)
            reception.record(probe, receivedAt: sentAt + millisecond, delays: &delays)
            if sequence == 7 { reception.record(probe, receivedAt: sentAt + millisecond, delays: &delays) }
        }
        let receptions = [ReceptionRecord(transport: 1, reception: reception)]
        let joins = [
            JoinRecord(participant: "r0-p0", startedAt: 0, publishTransport: 0),
            JoinRecord(participant: "r0-s0", startedAt: 50 * millisecond, receiveTransport: 1),
            JoinRecord(participant: "r0-s1", startedAt: 70 * millisecond, error: "subscribe: refused"),
        ]
        return LoadMeasurements(
            windowStart: snapshot(at: 1, traffic: traffic(sent: 100, received: 1000), workerCPU: 0.5),
            windowEnd: snapshot(at: 3, traffic: traffic(sent: 300, received: 3000), workerCPU: 0.9),
            final: snapshot(at: 4, traffic: traffic(sent: 320, received: 3190), receptions: receptions, delays: delays,
                            workerCPU: 1.0),
            serverAtStart: server ? ServerProcessSample(cpuSeconds: 10, residentBytes: 50_000_000) : nil,
            serverAtEnd: server ? ServerProcessSample(cpuSeconds: 11.5, residentBytes: 60_000_000) : nil,
            harnessCPUAtStart: 2, harnessCPUAtEnd: 3.25, joins: joins, expectedReceivers: 2)
    }

    static func scenario() -> LoadScenario {
        var scenario = LoadScenario()
        scenario.subscribersPerRoom = 2
        scenario.durationSeconds = 2
        return scenario
    }

    static func json(_ report: LoadReport) throws -> [String: Any] {
        let text = try report.jsonText()
        #expect(!text.contains("\n"), "one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func figuresComeFromTheWindowAndTheFinalCount() throws {
        let report = LoadReport(scenario: Self.scenario(), serverKind: "switchboard", serverPID: 42,
                                measurements: Self.measurements(server: true))
        let json = try Self.json(report)
        let sent = try #require(json["sent"] as? [String: Any])
        #expect(sent["packets"] as? Int == 200)
        #expect(sent["bytes"] as? Int == 200_000)
        #expect(sent["packetsPerSecond"] as? Double == 100)
        #expect(sent["bitsPerSecond"] as? Double == 800_000)
        #expect(sent["totalPackets"] as? Int == 320)
        let received = try #require(json["received"] as? [String: Any])
        #expect(received["packets"] as? Int == 2000)
        #expect(received["packetsPerSecond"] as? Double == 1000)
        #expect(received["totalBytes"] as? Int == 3_190_000)
        #expect(json["windowSeconds"] as? Double == 2)

        #expect(json["expected"] as? Int == 320)
        #expect(json["lost"] as? Int == 5)
        #expect(json["lossRatio"] as? Double == 5.0 / 320)
        #expect(json["duplicates"] as? Int == 1)
        #expect(json["reordered"] as? Int == 0)
        let delay = try #require(json["delayMs"] as? [String: Any])
        for key in ["p50", "p95", "p99", "max"] { #expect(delay[key] as? Double == 1, "delay \(key)") }
        #expect(json["jitterMs"] as? Double == 0)

        let joinMs = try #require(json["joinMs"] as? [String: Any])
        #expect(joinMs["p50"] as? Double == 100, "the publisher: first API call to first media sent")
        #expect(joinMs["p99"] as? Double == 300, "the subscriber: first API call to first media received")
        #expect(json["joins"] as? Int == 3)
        #expect(json["failedJoins"] as? Int == 1)
        let failures = try #require(json["joinFailures"] as? [[String: Any]])
        #expect(failures.count == 1)
        #expect(failures.first?["participant"] as? String == "r0-s1")
        #expect(failures.first?["reason"] as? String == "subscribe: refused")
        #expect(json["receivers"] as? [String: Int] == ["expected": 2, "withMedia": 1])

        let server = try #require(json["server"] as? [String: Any])
        #expect(server["kind"] as? String == "switchboard")
        #expect(server["pid"] as? Int == 42)
        #expect(server["cpuSeconds"] as? Double == 1.5)
        #expect(server["rssBytes"] as? Int == 60_000_000)
        #expect(json["cpuSecondsPer1000Packets"] as? Double == 0.75)
        let harness = try #require(json["harness"] as? [String: Any])
        #expect(harness["threads"] as? Int == 1)
        #expect((harness["cpuSeconds"] as? Double).map { abs($0 - 0.4) < 1e-9 } == true)
        #expect(harness["processCpuSeconds"] as? Double == 1.25)
        let scenario = try #require(json["scenario"] as? [String: Any])
        #expect(scenario["subscribersPerRoom"] as? Int == 2)
        #expect(json["dataChannel"] == nil, "no data channel in the scenario, no data figures")
        #expect(json["counters"] is [String: Any])
        #expect(!report.isClean)
        #expect(LoadExitStatus(report: report) == .degraded)
    }

    @Test func unknownFiguresAreNull() throws {
        let report = LoadReport(scenario: Self.scenario(), serverKind: "janus", serverPID: nil,
                                measurements: Self.measurements(server: false))
        let json = try Self.json(report)
        let server = try #require(json["server"] as? [String: Any])
        #expect(Set(server.keys) == ["kind", "pid", "cpuSeconds", "rssBytes"])
        #expect(server["pid"] is NSNull)
        #expect(server["cpuSeconds"] is NSNull)
        #expect(server["rssBytes"] is NSNull)
        #expect(json["cpuSecondsPer1000Packets"] is NSNull)
        #expect(json.keys.contains("jitterMs"))
    }

    @Test func dataChannelFiguresAppearWithADataChannel() throws {
        var scenario = Self.scenario()
        scenario.dataChannel = .scenarioDefault
        let report = LoadReport(scenario: scenario, serverKind: "switchboard", serverPID: nil,
                                measurements: Self.measurements(server: false))
        let data = try #require(try Self.json(report)["dataChannel"] as? [String: Any])
        #expect(data["messagesSent"] as? Int == 0)
        #expect(data["lossRatio"] as? Double == 0)
        let delay = try #require(data["delayMs"] as? [String: Any])
        #expect(delay["p50"] is NSNull)
    }

    @Test func tableShowsTheFiguresAndTheFailures() {
        let table = LoadReport(scenario: Self.scenario(), serverKind: "switchboard", serverPID: 42,
                               measurements: Self.measurements(server: true)).table
        #expect(table.hasPrefix("switchboard-load against switchboard (pid 42): 1 room × (1 publisher + 2 subscribers)"))
        #expect(table.contains("5 of 320 probes (1.5625 %), 1 duplicates, 0 reordered"))
        #expect(table.contains("1 of 2 got media"))
        #expect(table.contains("CPU 1.50 s in the window (0.7500 s per 1,000 forwarded packets), RSS 57.2 MiB"))
        #expect(table.contains("failed join   r0-s1: subscribe: refused"))
    }

    @Test func aCleanReportExitsWithZero() {
        var measurements = Self.measurements(server: false)
        measurements.joins.removeLast()
        measurements.expectedReceivers = 1
        measurements.final.receptions = []
        let report = LoadReport(scenario: Self.scenario(), serverKind: "switchboard", serverPID: nil, measurements: measurements)
        #expect(report.lost == 0)
        #expect(report.failedJoins == 0)
        #expect(LoadExitStatus(report: report) == .clean)
    }

    @Test func runErrorsMapToTheirExitStatus() {
        #expect(LoadExitStatus(error: .invalidScenario("x")).rawValue == 2)
        #expect(LoadExitStatus(error: .signalling(.unreachable("refused"))).rawValue == 3)
        #expect(LoadExitStatus(error: .peers("no sockets")).rawValue == 4)
    }
}
