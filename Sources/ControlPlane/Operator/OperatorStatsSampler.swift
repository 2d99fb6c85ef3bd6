public import MediaContract
public import ServiceLifecycle
import Synchronization

/// Takes a `ServerSample` from the media side every `interval` and keeps the last two (a
/// `SampleWindow`), for `GET /v1/stats` and `GET /metrics`. A swift-service-lifecycle `Service`:
/// `buildApplication` runs it in the application's service group, and it stops at graceful
/// shutdown or cancellation.
///
/// Invariants: samples enter the window in monotonic order; a reader that finds the window
/// empty (before the first tick) takes a sample itself, so a report always has one; safe to
/// use from any task.
public final class OperatorStatsSampler: Service, Sendable {
    public let source: any ServerSampleSource
    public let interval: Duration
    private let window = Mutex(SampleWindow())

    public init(source: any ServerSampleSource, interval: Duration) {
        precondition(interval > .zero, "the sample interval must be positive")
        self.source = source
        self.interval = interval
    }

    /// Samples every `interval` (on a fixed cadence: a late tick does not shift the next ones)
    /// until graceful shutdown or cancellation.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var deadline = clock.now
            while !Task.isCancelled {
                await self.takeSample()
                deadline = deadline.advanced(by: self.interval)
                if deadline < clock.now { deadline = clock.now.advanced(by: self.interval) }
                try await clock.sleep(until: deadline)
            }
        }
    }

    /// The last two samples; the first reader before any tick takes one.
    public func currentWindow() async -> SampleWindow {
        let window = self.window.withLock { $0 }
        guard window.latest == nil else { return window }
        await takeSample()
        return self.window.withLock { $0 }
    }

    /// Takes one sample now and records it.
    func takeSample() async {
        let sample = await source.sample()
        let stamped = StampedSample(sample: sample, unixMilliseconds: UnixTime.milliseconds())
        window.withLock { _ = $0.record(stamped) }
    }
}
