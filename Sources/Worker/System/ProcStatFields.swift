/// Parsers for the lines Linux writes in `/proc/self/stat`, `/proc/self/task/<tid>/stat`
/// (proc(5) "stat") and `/proc/self/statm`, over borrowed bytes (sans-IO: reading the files is
/// `ProcessFigures`'s job).
///
/// A stat line is `pid (comm) state ppid …`: `comm` is the thread's name, which may itself hold
/// spaces and parentheses, so the fields are counted from the *last* `)` of the line. `utime`
/// and `stime` are fields 14 and 15 of the line (the 12th and 13th after that `)`), in clock
/// ticks (`sysconf(_SC_CLK_TCK)`).
///
/// Invariant: every parser returns nil for content it does not recognise (no `)`, too few
/// fields, a field that is not a decimal number or does not fit 64 bits); none traps or
/// allocates.
public enum ProcStatFields {
    /// The CPU time a stat line reports, in clock ticks.
    public struct CPUTicks: Sendable, Hashable {
        /// Time scheduled in user mode (`utime`).
        public let user: UInt64
        /// Time scheduled in kernel mode (`stime`).
        public let system: UInt64

        public init(user: UInt64, system: UInt64) {
            self.user = user
            self.system = system
        }

        /// `user + system` (saturating, so it never traps).
        public var total: UInt64 {
            let (sum, overflow) = user.addingReportingOverflow(system)
            return overflow ? .max : sum
        }
    }

    /// `utime` and `stime` of a `stat` line, or nil when the line is not one.
    public static func cpuTicks(statLine bytes: UnsafeRawBufferPointer) -> CPUTicks? {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // Fields after the name: state(1) ppid(2) pgrp(3) session(4) tty_nr(5) tpgid(6)
        // flags(7) minflt(8) cminflt(9) majflt(10) cmajflt(11) utime(12) stime(13).
        var fields = FieldCursor(bytes: bytes, position: close + 1)
        for _ in 0..<11 {
            guard fields.skipField() else { return nil }
        }
        guard let user = fields.decimalField(), let system = fields.decimalField() else { return nil }
        return CPUTicks(user: user, system: system)
    }

    /// The resident set size in pages (the second field of a `statm` line), or nil.
    public static func residentPages(statmLine bytes: UnsafeRawBufferPointer) -> UInt64? {
        var fields = FieldCursor(bytes: bytes, position: 0)
        guard fields.skipField() else { return nil }
        return fields.decimalField()
    }

    /// The decimal number that a path ends with after its last `/` (`12345/task/12346` →
    /// 12346: the target of the `/proc/thread-self` link), or nil.
    public static func lastPathNumber(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        var fields = FieldCursor(bytes: bytes, position: start)
        guard let number = fields.decimalField(), fields.isAtEnd else { return nil }
        return number
    }
}

/// Walks space-separated fields of a line; a newline ends the line.
private struct FieldCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    var isAtEnd: Bool {
        var index = position
        while index < bytes.count, Self.isSeparator(bytes[index]) { index += 1 }
        return index >= bytes.count
    }

    /// Skips one field; false when the line has no more.
    mutating func skipField() -> Bool {
        skipSeparators()
        let start = position
        while position < bytes.count, !Self.isSeparator(bytes[position]) { position += 1 }
        return position > start
    }

    /// Reads one field that must be a non-negative decimal number fitting 64 bits.
    mutating func decimalField() -> UInt64? {
        skipSeparators()
        let start = position
        var value: UInt64 = 0
        while position < bytes.count, !Self.isSeparator(bytes[position]) {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { return nil }
            value = sum
            position += 1
        }
        return position > start ? value : nil
    }

    private mutating func skipSeparators() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == 0
    }
}
