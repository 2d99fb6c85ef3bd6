/// Limits the key frame requests (PLI or FIR) the SFU sends one producer: however many consumers
/// wait for a key frame, the publisher hears at most one request per `minimumInterval`.
///
/// Invariant: `shouldRequest` answers true for the first call, then only when at least
/// `minimumInterval` nanoseconds have passed since the last call that answered true. A clock
/// that goes backwards never produces an extra request. Allocates nothing.
public struct KeyFrameRequestThrottle: Hashable, Sendable {
    /// 300 ms: long enough for the publisher to produce the key frame it was asked for.
    public static let defaultMinimumInterval: Int64 = 300_000_000

    /// Nanoseconds between two requests; at least 0.
    public let minimumInterval: Int64
    /// Monotonic time of the last request let through, once there was one.
    public private(set) var lastRequestAt: Int64?

    public init(minimumInterval: Int64 = KeyFrameRequestThrottle.defaultMinimumInterval) {
        self.minimumInterval = max(0, minimumInterval)
    }

    /// True when a request may be sent now (monotonic nanoseconds); the caller then sends it.
    public mutating func shouldRequest(now: Int64) -> Bool {
        if let lastRequestAt, now - lastRequestAt < minimumInterval { return false }
        lastRequestAt = now
        return true
    }
}
