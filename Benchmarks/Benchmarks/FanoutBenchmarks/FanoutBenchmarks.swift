import Benchmark
import FanoutHarness
import Glibc

/// Steady-state fan-out through a real worker, 1 packet in → K out for K = 1, 10 and 100: each
/// measured iteration sends a burst of `burst` SRTP packets from the publisher and waits until
/// every sink has received its copy of each (`FanoutHarness.forward`). The malloc count is the
/// whole process's (package-benchmark's interposer), so the harness's own sending, receiving
/// and checking count too and allocate nothing either. Set-up (pool, ICE, DTLS, the first key
/// frame) happens before measuring, once per benchmark process.
let benchmarks: @Sendable () -> Void = {
    let quick = getenv("SWITCHBOARD_BENCHMARK_QUICK") != nil
    let burst = 8
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 20,
        scalingFactor: .one,
        maxDuration: quick ? .milliseconds(300) : .seconds(2),
        maxIterations: quick ? 200 : 5_000
    )
    for subscribers in [1, 10, 100] {
        Benchmark(
            "Fanout 1 to \(subscribers), burst of \(burst) packets",
            configuration: configuration,
            closure: { benchmark in
                guard let harness = FanoutFixture.harness else {
                    benchmark.error("the fan-out harness did not start")
                    return
                }
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    do {
                        try harness.forward(burst: burst)
                    } catch {
                        benchmark.error("\(error)")
                        return
                    }
                }
                benchmark.stopMeasurement()
                if let problem = harness.sinks.firstProblem { benchmark.error(problem) }
            },
            setup: {
                // Every sink checks one packet in 64: each iteration decrypts a few copies.
                let harness = try await FanoutHarness.start(FanoutOptions(subscriberCount: subscribers, verifyEvery: 64))
                try harness.prime(burst: burst)
                FanoutFixture.harness = harness
            },
            teardown: {
                FanoutFixture.harness?.stop()
                FanoutFixture.harness = nil
            }
        )
    }
}

/// The harness of the benchmark this process runs (package-benchmark runs each benchmark in a
/// process of its own).
enum FanoutFixture {
    nonisolated(unsafe) static var harness: FanoutHarness?
}
