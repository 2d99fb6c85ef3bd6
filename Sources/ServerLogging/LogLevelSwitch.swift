public import Logging
import Synchronization

/// The log level shared by every ``ServerLogHandler`` made with it: changing it changes the
/// level of every logger of the process at once (SIGHUP reloads `log.level` this way).
///
/// Invariant: `level` is always one of `Logger.Level.allCases`; reads and writes are atomic, so
/// any thread may log or change the level at any time (a log call reads the level once).
public final class LogLevelSwitch: Sendable {
    private let rank: Atomic<UInt8>

    public init(_ level: Logger.Level) {
        rank = Atomic(Self.rank(of: level))
    }

    /// The level every logger without a level of its own uses now.
    public var level: Logger.Level {
        let cases = Logger.Level.allCases
        let index = Int(rank.load(ordering: .relaxed))
        return cases.indices.contains(index) ? cases[index] : .info
    }

    /// Sets the shared level; returns the previous one.
    @discardableResult
    public func set(_ level: Logger.Level) -> Logger.Level {
        let previous = rank.exchange(Self.rank(of: level), ordering: .relaxed)
        let cases = Logger.Level.allCases
        return cases.indices.contains(Int(previous)) ? cases[Int(previous)] : .info
    }

    private static func rank(of level: Logger.Level) -> UInt8 {
        UInt8(truncatingIfNeeded: Logger.Level.allCases.firstIndex(of: level) ?? 2)
    }
}
