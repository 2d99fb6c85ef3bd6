import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where rendered log lines go.
///
/// Invariant: lines written through one sink from any number of threads never interleave
/// (``standardOutput`` writes each line whole under a process-wide lock, retrying short writes
/// and `EINTR`), and each line is handed to the OS before `write` returns, so a reader of the
/// process's output sees every line logged before it exits.
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    /// A sink that hands each line to `writeLine` (which must be safe from any thread).
    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    public func write(_ line: String) {
        writeLine(line)
    }

    /// The process's standard output (file descriptor 1), unbuffered.
    public static let standardOutput = LogSink { line in
        StandardOutput.lock.withLock { _ in
            var line = line
            line.withUTF8 { StandardOutput.writeAll($0) }
        }
    }
}

/// Standard output, one whole line at a time.
private enum StandardOutput {
    static let lock = Mutex(())

    /// Writes every byte, retrying short writes and `EINTR`; gives up silently when standard
    /// output is closed (the line is lost, the server goes on).
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(1, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
