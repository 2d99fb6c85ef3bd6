import Glibc

/// The worker's clock: `CLOCK_MONOTONIC` in nanoseconds. The Worker is the one module that reads
/// a clock; protocol code receives `now` as a value (the same monotonic nanoseconds).
///
/// Invariant: values never decrease within one boot, and have no relation to wall-clock time.
public enum MonotonicClock {
    /// Monotonic nanoseconds since an arbitrary point before the process started (a vDSO read,
    /// no system call, no allocation).
    @inline(__always)
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}
