import Worker

/// The server's CPU time and resident memory at one moment, as `/proc/<pid>` told them.
public struct ServerProcessSample: Sendable, Hashable {
    /// User + system seconds of every thread of the server since it started; nil if unknown.
    public var cpuSeconds: Double?
    /// Resident set in bytes; nil if unknown.
    public var residentBytes: Int?

    public init(cpuSeconds: Double?, residentBytes: Int?) {
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
    }
}

/// Reads the measured server's figures from `/proc/<pid>/stat` and `/proc/<pid>/statm` (the
/// server must run on this machine; its pid comes from the user).
///
/// Invariant: sampling never fails; a figure `/proc` cannot give (no such process, another
/// user's process hidden by `hidepid`) is nil.
public struct ServerProcessSampler: Sendable {
    public let pid: Int32

    public init(pid: Int32) { self.pid = pid }

    public func sample() -> ServerProcessSample {
        ServerProcessSample(cpuSeconds: ProcessFigures.cpuSeconds(pid: pid), residentBytes: ProcessFigures.residentBytes(pid: pid))
    }
}
