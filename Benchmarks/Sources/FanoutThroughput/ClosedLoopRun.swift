import FanoutHarness
import Glibc
import Synchronization

/// The load of a throughput run, on two threads pinned to cpu0 like `forward_floor`'s: a
/// generator that sends 32-packet bursts while fewer than `maximumInFlight` packets are between
/// it and the sinks (closed loop: the worker always has full batches and its socket does not
/// overflow), and a sink thread that reads, counts and checks the K forwarded streams.
///
/// In flight = packets sent − packets received by the sinks ÷ K. `forward_floor` counts only
/// the packets queued at its forwarder; this count also holds packets the worker is handling
/// and copies waiting at the sinks, so it is the stricter bound. If the sinks fall behind for
/// more than 20 ms (a lost packet never arrives), the generator sends anyway.
///
/// Invariant: after `stop()` returns, both threads have exited and `sent` is final.
final class ClosedLoopRun: @unchecked Sendable {
    static let burst = 32
    let harness: FanoutHarness
    let maximumInFlight: Int
    /// Packets the generator handed to the kernel.
    let sent = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private var threads: [pthread_t] = []

    init(harness: FanoutHarness, maximumInFlight: Int = 2048) {
        self.harness = harness
        self.maximumInFlight = maximumInFlight
    }

    func start(cpu: Int) {
        threads.append(spawn { [self] in receiveLoop(cpu: cpu) })
        threads.append(spawn { [self] in generateLoop(cpu: cpu) })
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    private func generateLoop(cpu: Int) {
        SystemProbe.pin(thread: 0, to: cpu)
        let publisher = harness.publisher
        let sinks = harness.sinks
        let subscribers = sinks.count
        var total = 0
        while !stopping.load(ordering: .relaxed) {
            total += publisher.sendBurst(Self.burst)
            sent.store(total, ordering: .relaxed)
            var waited = 0
            while total - sinks.receivedCounter.load(ordering: .relaxed) / subscribers > maximumInFlight,
                  waited < 1000, !stopping.load(ordering: .relaxed) {
                usleep(20)
                waited += 1
            }
        }
    }

    private func receiveLoop(cpu: Int) {
        SystemProbe.pin(thread: 0, to: cpu)
        let sinks = harness.sinks
        var idle = 0
        // After stop, read until three empty 100 ms waits, as forward_floor's sink does.
        while idle < 3 {
            if sinks.receive(timeoutMilliseconds: 100) == 0, stopping.load(ordering: .relaxed) { idle += 1 }
        }
    }
}

/// Starts `body` on a new OS thread.
private func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
        return nil
    }, context)
    precondition(result == 0, "pthread_create failed: \(result)")
    return thread
}
