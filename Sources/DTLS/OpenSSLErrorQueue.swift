internal import COpenSSL

/// OpenSSL's error queue (thread-local, at most 16 entries), read as text.
///
/// Invariant: after `drain()` or `failure(_:)` the calling thread's queue is empty, so a later
/// failure never reports an earlier one's reasons. Callers clear the queue before a call whose
/// outcome they classify with `SSL_get_error`, which requires an empty queue.
enum OpenSSLErrorQueue {
    /// Empties the queue, returning one line per entry, oldest first, as
    /// `ERR_error_string_n` formats them (`error:0A000086:SSL routines::certificate verify failed`).
    static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { return reasons }
            reasons.append(describe(code))
        }
    }

    /// Discards whatever the queue holds.
    static func clear() {
        ERR_clear_error()
    }

    /// The error for a failed setup call: the operation's name and the drained queue.
    static func failure(_ operation: String) -> DTLSError {
        .openSSL(operation: operation, reasons: drain())
    }

    private static let lineCapacity = 256

    private static func describe(_ code: UInt) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: lineCapacity) { line in
            guard let start = line.baseAddress else { return "OpenSSL error \(code)" }
            ERR_error_string_n(code, start, lineCapacity)
            return String(cString: start)
        }
    }
}
