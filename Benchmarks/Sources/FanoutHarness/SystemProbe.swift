import CFanoutSystem
import Glibc

/// What the throughput run reads from Linux, the way `forward_floor` does: a thread's CPU time
/// (`/proc/self/task/<tid>/schedstat`, nanoseconds on CPU, the clock `pthread_getcpuclockid`
/// reads), `ksoftirqd/<cpu>`'s CPU time (`/proc/<pid>/schedstat`), a UDP socket's drop count
/// (`/proc/net/udp`), and thread placement.
///
/// Invariant: nothing here traps on an unexpected file; a value that cannot be read is nil.
public enum SystemProbe {
    /// The kernel id of this process's thread named `name` (its `comm`, e.g. "media-0").
    public static func threadID(named name: String) -> Int32? {
        for entry in directoryEntries("/proc/self/task") {
            guard let tid = Int32(entry), let comm = text("/proc/self/task/\(entry)/comm") else { continue }
            if comm.split(separator: "\n").first.map(String.init) == name { return tid }
        }
        return nil
    }

    /// Pins thread `tid` (0: the calling thread) to `cpu`; false when the kernel refused.
    @discardableResult
    public static func pin(thread tid: Int32, to cpu: Int) -> Bool {
        CFanoutSystem_pin_thread(tid, Int32(cpu)) == 0
    }

    /// Nanoseconds thread `tid` of this process has run on a CPU.
    public static func threadCPUNanoseconds(_ tid: Int32) -> Int64? {
        firstNumber(text("/proc/self/task/\(tid)/schedstat"))
    }

    /// The pid of `ksoftirqd/<cpu>`.
    public static func softirqThread(cpu: Int) -> Int32? {
        let wanted = "ksoftirqd/\(cpu)"
        for entry in directoryEntries("/proc") {
            guard let pid = Int32(entry), pid < 65_536, let comm = text("/proc/\(entry)/comm") else { continue }
            if comm.split(separator: "\n").first.map(String.init) == wanted { return pid }
        }
        return nil
    }

    /// Nanoseconds process (or kernel thread) `pid` has run on a CPU.
    public static func processCPUNanoseconds(_ pid: Int32) -> Int64? {
        firstNumber(text("/proc/\(pid)/schedstat"))
    }

    /// Datagrams dropped at the IPv4 UDP socket bound to 127.0.0.1:`port` because its receive
    /// queue was full (the last column of `/proc/net/udp`).
    public static func udpDrops(port: UInt16) -> Int? {
        guard let table = text("/proc/net/udp") else { return nil }
        let wanted = "0100007F:" + hex(port)
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count >= 13, fields[1] == wanted else { continue }
            return Int(fields[fields.count - 1])
        }
        return nil
    }

    /// The 1-, 5- and 15-minute load averages, as `uptime` prints them.
    public static func loadAverage() -> String {
        guard let text = text("/proc/loadavg") else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func hex(_ port: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([12, 8, 4, 0].map { digits[Int((port >> UInt16($0)) & 0xF)] })
    }

    private static func firstNumber(_ text: String?) -> Int64? {
        guard let field = text?.split(separator: " ").first else { return nil }
        return Int64(field.trimmingSuffix("\n"))
    }

    /// A whole (small) file as text, or nil.
    static func text(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}
