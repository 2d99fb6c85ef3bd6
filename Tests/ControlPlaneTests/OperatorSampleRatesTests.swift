import ControlPlane
import Foundation
import MediaContract
import Testing

/// Samples with chosen counters, `seconds` apart on the monotonic clock.
enum CraftedSamples {
    static func worker(_ id: Int, packetsIn: UInt64, packetsOut: UInt64 = 0, bytesIn: UInt64 = 0, bytesOut: UInt64 = 0,
                       cpuSeconds: Double? = nil) -> WorkerSample {
        WorkerSample(
            id: id, transports: 1, packetsIn: packetsIn, packetsOut: packetsOut, bytesIn: bytesIn, bytesOut: bytesOut,
            srtpFailures: 0, parseFailures: 0, queueDrops: 0, cpuSeconds: cpuSeconds,
            bufferPool: BufferPoolSample(capacity: 8192, inUse: 0))
    }

    static func sample(atSeconds seconds: Double, workers: [WorkerSample], dataChannelCPU: Double? = nil) -> StampedSample {
        StampedSample(
            sample: ServerSample(
                monotonicNanoseconds: Int64(seconds * 1e9), workers: workers,
                dataChannels: DataChannelThreadSample(associations: 0, cpuSeconds: dataChannelCPU, queueDrops: 0),
                process: ProcessSample(residentBytes: nil, cpuSeconds: nil, allocatedBytes: nil, allocatorActiveBytes: nil,
                                       allocatorResidentBytes: nil)),
            unixMilliseconds: 1_700_000_000_000 + Int64(seconds * 1000))
    }
}

@Suite("Operator stats: rates between two samples")
struct OperatorSampleRatesTests {
    @Test func aRateIsTheCounterDifferenceOverTheMonotonicInterval() {
        #expect(SampleRates.perSecond(from: 100, to: 350, seconds: 2.5) == 100)
        #expect(SampleRates.perSecond(from: 0, to: 1, seconds: 0.5) == 2)
        #expect(SampleRates.perSecond(from: 7, to: 7, seconds: 1) == 0)
        // Never negative, never divided by a non-positive interval.
        #expect(SampleRates.perSecond(from: 350, to: 100, seconds: 1) == 0)
        #expect(SampleRates.perSecond(from: 100, to: 350, seconds: 0) == 0)
        #expect(SampleRates.perSecond(from: 100, to: 350, seconds: -1) == 0)
        #expect(SampleRates.perSecond(from: 0, to: .max, seconds: 1) == Double(UInt64.max))
    }

    @Test func utilizationIsCPUTimeOverWallTimeWithinZeroAndOne() {
        #expect(SampleRates.utilization(from: 10, to: 10.25, seconds: 0.5) == 0.5)
        #expect(SampleRates.utilization(from: 10, to: 12, seconds: 1) == 1, "tick rounding may overshoot: clamped")
        #expect(SampleRates.utilization(from: 10, to: 9, seconds: 1) == 0)
        #expect(SampleRates.utilization(from: nil, to: 9, seconds: 1) == nil)
        #expect(SampleRates.utilization(from: 1, to: nil, seconds: 1) == nil)
        #expect(SampleRates.utilization(from: 1, to: 2, seconds: 0) == 0)
    }

    @Test func workerRatesComeFromBothSamplesOfTheSameWorker() {
        let before = CraftedSamples.worker(0, packetsIn: 1000, packetsOut: 400, bytesIn: 1_200_000, bytesOut: 500_000, cpuSeconds: 3)
        let after = CraftedSamples.worker(0, packetsIn: 1500, packetsOut: 1400, bytesIn: 1_800_000, bytesOut: 1_500_000, cpuSeconds: 3.5)
        let rates = WorkerRates(from: before, to: after, seconds: 2)
        #expect(rates.packetsInPerSecond == 250)
        #expect(rates.packetsOutPerSecond == 500)
        #expect(rates.bytesInPerSecond == 300_000)
        #expect(rates.bytesOutPerSecond == 500_000)
        #expect(rates.cpuUtilization == 0.25)
        // Without a previous sample every rate is 0 (and a known CPU time has utilization 0).
        let first = WorkerRates(from: nil, to: after, seconds: 2)
        #expect(first.packetsInPerSecond == 0 && first.bytesOutPerSecond == 0)
        #expect(first.cpuUtilization == 0)
        #expect(WorkerRates(from: nil, to: CraftedSamples.worker(0, packetsIn: 5), seconds: 1).cpuUtilization == nil)
    }

    @Test func theWindowKeepsTheLastTwoSamplesInMonotonicOrder() {
        var window = SampleWindow()
        #expect(window.intervalSeconds == 0)
        var recorded = window.record(CraftedSamples.sample(atSeconds: 10, workers: []))
        #expect(recorded)
        #expect(window.intervalSeconds == 0, "one sample: no interval")
        recorded = window.record(CraftedSamples.sample(atSeconds: 11.5, workers: []))
        #expect(recorded)
        #expect(window.intervalSeconds == 1.5)
        recorded = window.record(CraftedSamples.sample(atSeconds: 11.5, workers: []))
        #expect(!recorded, "not newer")
        recorded = window.record(CraftedSamples.sample(atSeconds: 3, workers: []))
        #expect(!recorded, "older")
        #expect(window.intervalSeconds == 1.5)
        recorded = window.record(CraftedSamples.sample(atSeconds: 12, workers: []))
        #expect(recorded)
        #expect(window.previous?.sample.monotonicNanoseconds == 11_500_000_000)
        #expect(window.latest?.sample.monotonicNanoseconds == 12_000_000_000)
        #expect(window.intervalSeconds == 0.5)
    }

    @Test func theReportPairsWorkersByIdAndSumsTotals() throws {
        var window = SampleWindow()
        window.record(CraftedSamples.sample(
            atSeconds: 100, workers: [CraftedSamples.worker(0, packetsIn: 100, cpuSeconds: 1), CraftedSamples.worker(1, packetsIn: 0)],
            dataChannelCPU: 0.5))
        // Worker 1 answered first this time; worker 2 is new (no previous sample: rates 0).
        window.record(CraftedSamples.sample(
            atSeconds: 102,
            workers: [CraftedSamples.worker(1, packetsIn: 600), CraftedSamples.worker(0, packetsIn: 300, cpuSeconds: 1.5),
                      CraftedSamples.worker(2, packetsIn: 50)],
            dataChannelCPU: 0.7))
        let rooms = [RoomOccupancy(id: "a", participants: 2), RoomOccupancy(id: "b", participants: 0)]
        let report = OperatorStatsReport(window: window, rooms: rooms, uptimeSeconds: 42, now: 0)
        #expect(report.timestamp == 1_700_000_102_000)
        #expect(report.intervalSeconds == 2)
        #expect(report.rooms == 2 && report.participants == 2)
        #expect(report.workers.map(\.id) == [1, 0, 2])
        #expect(report.workers.map(\.packetsInPerSecond) == [300, 100, 0])
        #expect(report.workers[1].cpuUtilization == 0.25)
        #expect(report.workers[0].cpuUtilization == nil)
        #expect(report.totals.packetsIn == 950)
        #expect(report.totals.packetsInPerSecond == 400)
        #expect(report.totals.cpuSeconds == 1.5)
        #expect(report.totals.transports == 3)
        let dataChannelUtilization = try #require(report.dataChannels.cpuUtilization)
        #expect(abs(dataChannelUtilization - 0.1) < 1e-9)

        // Unknown figures are written as null, not left out.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        let worker = try #require((json["workers"] as? [[String: Any]])?.first)
        #expect(worker["cpuSeconds"] is NSNull)
        #expect(worker["cpuUtilization"] is NSNull)
        let process = try #require(json["process"] as? [String: Any])
        #expect(Set(process.keys) == ["residentBytes", "cpuSeconds", "allocatedBytes", "allocatorActiveBytes", "allocatorResidentBytes"])
        #expect(process.values.allSatisfy { $0 is NSNull })
    }
}
