#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant as log lines show it.
///
/// Invariant: `nanoseconds` is in 0..<1_000_000_000.
public struct LogTimestamp: Sendable, Hashable {
    /// Seconds since the Unix epoch.
    public let seconds: Int
    public let nanoseconds: Int

    public init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds + nanoseconds / 1_000_000_000
        self.nanoseconds = ((nanoseconds % 1_000_000_000) + 1_000_000_000) % 1_000_000_000
    }

    /// The system's real-time clock now.
    public static func now() -> LogTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return LogTimestamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }

    /// UTC, RFC 3339 with milliseconds: `2025-11-21T23:10:00.123Z`.
    public var utcMilliseconds: String {
        var seconds = time_t(self.seconds)
        var broken = tm()
        guard gmtime_r(&seconds, &broken) != nil else { return "\(self.seconds)" }
        let millis = nanoseconds / 1_000_000
        return Self.format(broken, "%Y-%m-%dT%H:%M:%S") + "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + "\(millis)Z"
    }

    /// Local time with the UTC offset, to the second: `2025-11-21T23:10:00+0000` (swift-log's
    /// stream handler's form).
    public var localSeconds: String {
        var seconds = time_t(self.seconds)
        var broken = tm()
        guard localtime_r(&seconds, &broken) != nil else { return "\(self.seconds)" }
        return Self.format(broken, "%Y-%m-%dT%H:%M:%S%z")
    }

    private static func format(_ time: tm, _ pattern: String) -> String {
        var time = time
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let count = strftime(base, buffer.count, pattern, &time)
            return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }
}
