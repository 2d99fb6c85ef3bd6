import Glibc

/// CPU time and memory of this process and of its threads (or of another process, by pid), as
/// Linux reports them in `/proc` (proc(5)): a thread's CPU time from `/proc/self/task/<tid>/stat`,
/// the process's from `/proc/<self|pid>/stat`, its resident set from `/proc/<self|pid>/statm` × the
/// page size.
///
/// Control path only (the operator's stats sampler): each call opens and reads one small file.
/// Invariant: every figure is nil when `/proc` cannot give it (not mounted, a thread that has
/// exited, content the parser does not recognise); nothing here traps or throws.
public enum ProcessFigures {
    /// Clock ticks per second of the stat files' CPU times (`sysconf(_SC_CLK_TCK)`).
    public static let ticksPerSecond: Int = max(1, sysconf(Int32(_SC_CLK_TCK)))
    /// Bytes per page of `statm` (`sysconf(_SC_PAGESIZE)`).
    public static let pageSize: Int = max(1, sysconf(Int32(_SC_PAGESIZE)))

    /// Seconds of CPU (user + system) the thread `threadID` of this process has used.
    public static func threadCPUSeconds(threadID: Int32) -> Double? {
        guard threadID > 0 else { return nil }
        return cpuSeconds(statPath: "/proc/self/task/\(threadID)/stat")
    }

    /// Seconds of CPU (user + system) every thread of this process has used, ended ones
    /// included.
    public static func processCPUSeconds() -> Double? {
        cpuSeconds(statPath: "/proc/self/stat")
    }

    /// Bytes of the process's resident set (RSS).
    public static func residentBytes() -> Int? {
        residentBytes(statmPath: "/proc/self/statm")
    }

    /// Seconds of CPU (user + system) every thread of process `pid` has used (another process,
    /// e.g. the server a load run measures); nil when the process does not exist or `/proc`
    /// cannot tell.
    public static func cpuSeconds(pid: Int32) -> Double? {
        guard pid > 0 else { return nil }
        return cpuSeconds(statPath: "/proc/\(pid)/stat")
    }

    /// Bytes of the resident set (RSS) of process `pid`; nil when the process does not exist or
    /// `/proc` cannot tell.
    public static func residentBytes(pid: Int32) -> Int? {
        guard pid > 0 else { return nil }
        return residentBytes(statmPath: "/proc/\(pid)/statm")
    }

    private static func residentBytes(statmPath: String) -> Int? {
        guard let pages = ProcFile.withContents(of: statmPath, { ProcStatFields.residentPages(statmLine: $0) })
        else { return nil }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: UInt64(pageSize))
        return overflow ? nil : Int(exactly: bytes)
    }

    /// The calling thread's Linux thread id (what `gettid` returns, which Glibc's Swift module
    /// does not export), read from the `/proc/thread-self` link; nil without `/proc`.
    public static func currentThreadID() -> Int32? {
        ProcFile.withLinkTarget(of: "/proc/thread-self") { ProcStatFields.lastPathNumber($0) }.flatMap { Int32(exactly: $0) }
    }

    private static func cpuSeconds(statPath: String) -> Double? {
        guard let ticks = ProcFile.withContents(of: statPath, { ProcStatFields.cpuTicks(statLine: $0) }) else { return nil }
        return Double(ticks.total) / Double(ticksPerSecond)
    }
}
