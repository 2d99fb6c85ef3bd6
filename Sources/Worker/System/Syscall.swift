import Glibc

/// What a non-blocking system call did, without throwing: the form the hot path uses.
public enum SyscallOutcome: Equatable, Sendable {
    /// The call succeeded and returned this non-negative value.
    case completed(Int)
    /// The call would have blocked (`EAGAIN` / `EWOULDBLOCK`).
    case wouldBlock
    /// The call failed with this `errno` (never `EINTR`: those are retried).
    case failed(errno: Int32)
}

/// What a non-blocking system call did when it did not fail: the control-path form, whose
/// failures are thrown as `SyscallError`.
public enum SyscallResult: Equatable, Sendable {
    case completed(Int)
    case wouldBlock
}

/// The one place that interprets a C call's `-1`/`errno` convention (the idea of swift-nio's
/// `syscall` helper): `EINTR` is retried, `EAGAIN`/`EWOULDBLOCK` become "would block", anything
/// else is a failure named after the call. Pass a closure that makes one C call and returns its
/// result; the closure is not stored, and the helpers allocate nothing.
public enum Syscall {
    /// Hot path: never throws, never allocates.
    @inlinable
    public static func attempt<Result: FixedWidthInteger>(_ body: () -> Result) -> SyscallOutcome {
        while true {
            let result = body()
            if result >= 0 { return .completed(Int(result)) }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(errno: code)
        }
    }

    /// Control path, for calls on non-blocking descriptors: "would block" is a result, other
    /// failures throw.
    public static func call<Result: FixedWidthInteger>(
        _ name: StaticString, _ body: () -> Result
    ) throws(SyscallError) -> SyscallResult {
        switch attempt(body) {
        case .completed(let value): return .completed(value)
        case .wouldBlock: return .wouldBlock
        case .failed(let code): throw SyscallError(call: "\(name)", errno: code)
        }
    }

    /// Control path, for calls that cannot block (`socket`, `bind`, `setsockopt`, `epoll_ctl`):
    /// every failure throws, `EAGAIN` included.
    @discardableResult
    public static func require<Result: FixedWidthInteger>(
        _ name: StaticString, _ body: () -> Result
    ) throws(SyscallError) -> Int {
        switch attempt(body) {
        case .completed(let value): return value
        case .wouldBlock: throw SyscallError(call: "\(name)", errno: EAGAIN)
        case .failed(let code): throw SyscallError(call: "\(name)", errno: code)
        }
    }
}
