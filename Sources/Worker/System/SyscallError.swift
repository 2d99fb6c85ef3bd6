import Glibc

/// A system call that failed on the control path (socket set-up, epoll registration, thread
/// start), naming the call and the `errno` it left.
///
/// Invariant: `errno` is the value read right after the failing call, never `EINTR` (those are
/// retried) and never `EAGAIN` for calls that report "would block" as a result instead.
public struct SyscallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. "bind".
    public let call: String
    /// The `errno` value it set.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// "bind: Address already in use (errno 98)".
    public var description: String {
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
