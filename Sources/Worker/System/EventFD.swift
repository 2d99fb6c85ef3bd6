import Glibc
internal import CSwitchboardShims

/// A Linux eventfd used as a doorbell: any thread may `signal()`, the thread that owns the event
/// loop waits for it to become readable (epoll) and then `drain()`s it.
///
/// Invariants: the descriptor is non-blocking and close-on-exec, valid from `init` until
/// `deinit` closes it; `signal()` and `drain()` never block and never throw, so both may be
/// called from a hot path.
public final class EventFD: Sendable {
    /// The descriptor to register with epoll (readable while signalled).
    public let fileDescriptor: Int32

    public init() throws(SyscallError) {
        fileDescriptor = Int32(try Syscall.require("eventfd") {
            eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        })
    }

    deinit { close(fileDescriptor) }

    /// Adds one to the counter, making the descriptor readable. A counter already at its maximum
    /// is already readable, so a "would block" there is not an error.
    public func signal() {
        var one: UInt64 = 1
        _ = Syscall.attempt { write(fileDescriptor, &one, MemoryLayout<UInt64>.size) }
    }

    /// Reads and resets the counter: how many signals arrived since the last drain (0 if none).
    @discardableResult
    public func drain() -> UInt64 {
        var count: UInt64 = 0
        switch Syscall.attempt({ read(fileDescriptor, &count, MemoryLayout<UInt64>.size) }) {
        case .completed: return count
        case .wouldBlock, .failed: return 0
        }
    }
}
