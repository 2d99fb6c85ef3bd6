import Benchmark
import CHeapUsage
import Glibc
import SCTP

/// The data-channel thread's work, in memory on the benchmark's thread (which owns the
/// process's one usrsctp instance, as the data-channel thread does in the server), with client
/// peers that play browsers on the same thread (`RelayRig`):
/// - "Data channels relay 1 to K": one publisher's 1 KiB messages on a reliable ordered channel,
///   relayed to K subscribers; an iteration is a burst of `burst` messages, done when every
///   subscriber has received each one in sequence. Custom metrics: copies delivered per second
///   (wall clock); the thread CPU time of the relay's calls and of the peers' calls per
///   delivered copy (`SideMeter`); how often a burst waited for usrsctp's timers.
/// - "Data channels association attach + handshake": both ends of one association made and
///   brought up (the relay's and the peer's, each charged its own CPU time).
/// - "Data channels timer tick, N idle associations": one 10 ms tick of the relay's timers
///   (`DataChannelRelay.handleTimers`, then its output drained) with N associations up and idle:
///   what holding associations costs the thread when nothing is sent.
/// - "Data channels heap per association": glibc's bytes in use after 100 associations were
///   attached and again once they came up, split between the relay's side and the peers', and
///   what is left once all are gone.
///
/// usrsctp allocates for every message and every association by design: the mallocs are
/// reported, and `scripts/bench.sh --check` (CI) exempts these benchmarks from its
/// zero-allocation rule (in quick mode it still checks that the relay works).
let benchmarks: @Sendable () -> Void = {
    let quick = getenv("SWITCHBOARD_BENCHMARK_QUICK") != nil
    let mallocs: [BenchmarkMetric] = [.mallocCountTotal]
    let burst = 32

    for subscribers in [1, 4, 16] {
        let custom: [BenchmarkMetric] = [.copiesPerSecond, .relayNanosecondsPerCopy, .peersNanosecondsPerCopy, .timerWaits]
        Benchmark(
            "Data channels relay 1 to \(subscribers), burst of \(burst) x 1 KiB",
            configuration: Benchmark.Configuration(
                metrics: [.wallClock, .throughput] + mallocs + custom,
                timeUnits: .microseconds,
                units: countUnits(custom + mallocs),
                warmupIterations: 10,
                scalingFactor: .one,
                maxDuration: quick ? .milliseconds(300) : .seconds(3),
                maxIterations: quick ? 100 : 20_000
            ),
            closure: { benchmark in
                guard let rig = DataChannelFixture.rig else { return benchmark.error("the relay rig did not start") }
                rig.meter.reset()
                let idleRoundsBefore = rig.idleRounds
                let started = SideMeter.monotonicNanoseconds()
                benchmark.startMeasurement()
                let delivered = rig.relayBurst(burst)
                benchmark.stopMeasurement()
                let elapsed = SideMeter.monotonicNanoseconds() - started
                guard delivered else { return benchmark.error(rig.problem ?? "the burst was not delivered") }
                let copies = Int64(burst * subscribers)
                benchmark.measurement(.copiesPerSecond, Int(copies * 1_000_000_000 / max(elapsed, 1)))
                benchmark.measurement(.relayNanosecondsPerCopy, Int(rig.meter.cpuNanoseconds.relay / copies))
                benchmark.measurement(.peersNanosecondsPerCopy, Int(rig.meter.cpuNanoseconds.peers / copies))
                benchmark.measurement(.timerWaits, rig.idleRounds - idleRoundsBefore)
            },
            setup: {
                DataChannelFixture.rig = try RelayRig.relaying(to: subscribers, burst: burst, warmUpBursts: 20)
            },
            teardown: {
                DataChannelFixture.rig?.detachAll()
                DataChannelFixture.rig = nil
            }
        )
    }

    let handshakeMetrics: [BenchmarkMetric] = [.relayMicrosecondsPerHandshake, .peerMicrosecondsPerHandshake]
    Benchmark(
        "Data channels association attach + handshake (relay and peer ends)",
        configuration: Benchmark.Configuration(
            metrics: [.wallClock, .throughput] + mallocs + handshakeMetrics,
            timeUnits: .microseconds,
            units: countUnits(handshakeMetrics + mallocs),
            warmupIterations: 5,
            scalingFactor: .one,
            maxDuration: quick ? .milliseconds(300) : .seconds(3),
            // Associations stay up until the teardown: bound how many pile up.
            maxIterations: quick ? 20 : 400
        ),
        closure: { benchmark in
            guard let rig = DataChannelFixture.rig else { return benchmark.error("the association rig did not start") }
            rig.meter.reset()
            benchmark.startMeasurement()
            let up = rig.handshake(newAssociations: 1)
            benchmark.stopMeasurement()
            guard up else { return benchmark.error(rig.problem ?? "the handshake did not complete") }
            benchmark.measurement(.relayMicrosecondsPerHandshake, Int(rig.meter.cpuNanoseconds.relay / 1_000))
            benchmark.measurement(.peerMicrosecondsPerHandshake, Int(rig.meter.cpuNanoseconds.peers / 1_000))
        },
        setup: { DataChannelFixture.rig = RelayRig(measuresHeap: false) },
        teardown: {
            DataChannelFixture.rig?.detachAll()
            DataChannelFixture.rig = nil
        }
    )

    for idle in [100, 1_000] {
        let tickMetrics: [BenchmarkMetric] = [.relayNanosecondsPerAssociationTick]
        Benchmark(
            "Data channels timer tick, \(idle) idle associations",
            configuration: Benchmark.Configuration(
                metrics: [.wallClock] + mallocs + tickMetrics,
                timeUnits: .microseconds,
                units: countUnits(tickMetrics + mallocs),
                warmupIterations: 5,
                scalingFactor: .one,
                maxDuration: quick ? .milliseconds(300) : .seconds(3),
                maxIterations: quick ? 20 : 1_000
            ),
            closure: { benchmark in
                guard let rig = DataChannelFixture.rig else { return benchmark.error("the idle associations did not come up") }
                // The thread sleeps between ticks, as the data-channel thread does when idle,
                // so each tick advances usrsctp's clock by one period.
                usleep(UInt32(SCTPStack.timerTickNanoseconds / 1_000))
                rig.meter.reset()
                benchmark.startMeasurement()
                rig.tick()
                benchmark.stopMeasurement()
                benchmark.measurement(.relayNanosecondsPerAssociationTick, Int(rig.meter.cpuNanoseconds.relay) / idle)
            },
            setup: {
                let rig = RelayRig(measuresHeap: false)
                guard rig.handshake(newAssociations: idle) else { throw RigError(rig.problem) }
                rig.forgetPeers()
                DataChannelFixture.rig = rig
            },
            teardown: {
                DataChannelFixture.rig?.detachAll()
                DataChannelFixture.rig = nil
            }
        )
    }

    let associations = 100
    let heapMetrics: [BenchmarkMetric] = [
        .relayBytesPerAttachedAssociation, .relayBytesPerAssociation, .peerBytesPerAssociation, .bytesLeftPerAssociation,
    ]
    Benchmark(
        "Data channels heap per association (\(associations) associations)",
        configuration: Benchmark.Configuration(
            metrics: heapMetrics,
            units: countUnits(heapMetrics),
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(10),
            maxIterations: quick ? 2 : 5
        ),
        closure: { benchmark in
            let before = Int(CHeapUsage_allocated_bytes())
            guard let usage = associationHeapUsage(count: associations) else {
                return benchmark.error("the associations did not come up")
            }
            // usrsctp frees what an aborted association leaves behind from its timers.
            runTimers(milliseconds: 100)
            let left = Int(CHeapUsage_allocated_bytes()) - before
            benchmark.measurement(.relayBytesPerAttachedAssociation, max(0, usage.attached.relay / associations))
            benchmark.measurement(.relayBytesPerAssociation, max(0, usage.established.relay / associations))
            benchmark.measurement(.peerBytesPerAssociation, max(0, usage.established.peers / associations))
            benchmark.measurement(.bytesLeftPerAssociation, max(0, left / associations))
        }
    )
}

/// The rig of the benchmark this process runs (package-benchmark runs each benchmark in a
/// process of its own).
enum DataChannelFixture {
    nonisolated(unsafe) static var rig: RelayRig?
}

/// The heap's growth on each side once `count` associations were attached (made, before any
/// packet), and once they were up, read before they are detached; nil when they did not come
/// up. The rig is gone on return.
private func associationHeapUsage(count: Int) -> (attached: PerSide<Int>, established: PerSide<Int>)? {
    let rig = RelayRig(measuresHeap: true)
    defer { rig.detachAll() }
    guard let added = rig.attach(newAssociations: count) else { return nil }
    let attached = rig.meter.heapBytes
    guard rig.establish(added) else { return nil }
    return (attached, rig.meter.heapBytes)
}

/// Lets `milliseconds` pass, running usrsctp's timers on their tick.
private func runTimers(milliseconds: Int64) {
    let tick = SCTPStack.timerTickNanoseconds
    for _ in 0..<(milliseconds * 1_000_000 / tick) {
        usleep(UInt32(tick / 1_000))
        SCTPStack.handleTimers(now: SideMeter.monotonicNanoseconds())
    }
}

/// Custom metrics and counts printed as plain numbers.
private func countUnits(_ metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkUnits] {
    Dictionary(uniqueKeysWithValues: metrics.map { ($0, .count) })
}

extension BenchmarkMetric {
    /// Messages delivered per second, counting one per subscriber (wall clock of the burst).
    static let copiesPerSecond = BenchmarkMetric.custom(
        "Copies delivered /s", polarity: .prefersLarger, useScalingFactor: false)
    /// Thread CPU time of the relay's calls per delivered copy, in ns.
    static let relayNanosecondsPerCopy = BenchmarkMetric.custom(
        "Relay CPU ns / copy", polarity: .prefersSmaller, useScalingFactor: false)
    /// Thread CPU time of the peers' calls per delivered copy, in ns.
    static let peersNanosecondsPerCopy = BenchmarkMetric.custom(
        "Peers CPU ns / copy", polarity: .prefersSmaller, useScalingFactor: false)
    /// Rounds per burst in which nothing moved and the rig waited 1 ms for usrsctp's timers
    /// (0 when the relay never waits on a delayed SACK or a retransmission).
    static let timerWaits = BenchmarkMetric.custom(
        "Timer waits / burst", polarity: .prefersSmaller, useScalingFactor: false)
    /// Thread CPU time of one timer tick of the relay, per association it holds, in ns.
    static let relayNanosecondsPerAssociationTick = BenchmarkMetric.custom(
        "Relay CPU ns / association / tick", polarity: .prefersSmaller, useScalingFactor: false)
    static let relayMicrosecondsPerHandshake = BenchmarkMetric.custom(
        "Relay CPU us / association", polarity: .prefersSmaller, useScalingFactor: false)
    static let peerMicrosecondsPerHandshake = BenchmarkMetric.custom(
        "Peer CPU us / association", polarity: .prefersSmaller, useScalingFactor: false)
    /// The relay's heap growth per association made but not connected yet (sockets, buffers).
    static let relayBytesPerAttachedAssociation = BenchmarkMetric.custom(
        "Relay heap bytes / attached association", polarity: .prefersSmaller, useScalingFactor: false)
    /// The relay's heap growth per association once it is up.
    static let relayBytesPerAssociation = BenchmarkMetric.custom(
        "Relay heap bytes / established association", polarity: .prefersSmaller, useScalingFactor: false)
    static let peerBytesPerAssociation = BenchmarkMetric.custom(
        "Peer heap bytes / association", polarity: .prefersSmaller, useScalingFactor: false)
    /// Heap bytes still in use once relay, peers and associations are gone (a leak shows here).
    static let bytesLeftPerAssociation = BenchmarkMetric.custom(
        "Heap bytes left / association", polarity: .prefersSmaller, useScalingFactor: false)
}
