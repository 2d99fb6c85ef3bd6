import Glibc

/// Reads small files and links of `/proc` into a temporary buffer for a parser
/// (`ProcStatFields`). Control path only: a few system calls per read.
///
/// Invariant: never traps or throws; a file that cannot be opened or read (no `/proc`, a thread
/// that exited, a file longer than the buffer) gives nil.
enum ProcFile {
    /// Largest file read; a stat line is a few hundred bytes.
    static var capacity: Int { 4096 }

    /// Calls `body` with the whole content of the file at `path`, or returns nil.
    static func withContents<Result>(of path: String, _ body: (UnsafeRawBufferPointer) -> Result?) -> Result? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { buffer -> Result? in
            guard let base = buffer.baseAddress else { return nil }
            var length = 0
            while length < buffer.count {
                let outcome = Syscall.attempt { read(descriptor, base + length, buffer.count - length) }
                guard case .completed(let count) = outcome else { return nil }
                if count == 0 { return body(UnsafeRawBufferPointer(start: base, count: length)) }
                length += count
            }
            return nil  // Longer than the buffer: not a file this reader knows.
        }
    }

    /// Calls `body` with the target of the symbolic link at `path`, or returns nil.
    static func withLinkTarget<Result>(of path: String, _ body: (UnsafeRawBufferPointer) -> Result?) -> Result? {
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 1) { buffer -> Result? in
            guard let base = buffer.baseAddress else { return nil }
            let length = readlink(path, base.assumingMemoryBound(to: CChar.self), buffer.count)
            guard length > 0, length < buffer.count else { return nil }
            return body(UnsafeRawBufferPointer(start: base, count: length))
        }
    }
}
