/// A 64-bit NTP timestamp as RTCP sender reports carry it (RFC 3550 §4): seconds since
/// 1900-01-01 in the high 32 bits, the fraction of a second in the low 32 bits.
///
/// Invariant: any 64-bit value is a timestamp (a hostile one included); every conversion is
/// integer arithmetic that neither traps nor allocates. Times before 1970 convert to negative
/// Unix times; the 32-bit seconds field is read in era 0 (1900–2036), as RTCP peers write it.
public struct NTPTimestamp: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// Seconds from the NTP epoch (1900) to the Unix epoch (1970).
    public static let unixEpochOffsetSeconds: Int64 = 2_208_988_800

    public var rawValue: UInt64

    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The timestamp of a Unix time in nanoseconds (e.g. a wall clock read once per report).
    public init(unixNanoseconds: Int64) {
        let nanosecondsPerSecond: Int64 = 1_000_000_000
        var seconds = unixNanoseconds / nanosecondsPerSecond
        var nanoseconds = unixNanoseconds % nanosecondsPerSecond
        if nanoseconds < 0 {
            seconds -= 1
            nanoseconds += nanosecondsPerSecond
        }
        let ntpSeconds = UInt64(truncatingIfNeeded: seconds &+ Self.unixEpochOffsetSeconds) & 0xFFFF_FFFF
        // nanoseconds < 10^9 < 2^30, so the shifted value stays below 2^62.
        let fraction = (UInt64(nanoseconds) << 32) / UInt64(nanosecondsPerSecond)
        rawValue = ntpSeconds << 32 | fraction
    }

    /// Whole seconds since 1900.
    public var seconds: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }

    /// The fraction of a second, in units of 2^-32 s.
    public var fraction: UInt32 { UInt32(truncatingIfNeeded: rawValue) }

    /// The middle 32 bits: what a report block's LSR field echoes (RFC 3550 §6.4.1), in units
    /// of 2^-16 s.
    public var middle32: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }

    /// The Unix time in milliseconds (to the nearest), as webrtc-stats timestamps are.
    public var unixMilliseconds: Int64 {
        let seconds = Int64(self.seconds) - Self.unixEpochOffsetSeconds
        let milliseconds = Int64((UInt64(fraction) * 1000 + (1 << 31)) >> 32)
        return seconds * 1000 + milliseconds
    }

    public var description: String { "NTP \(seconds).\(fraction)" }
}
