import Glibc
internal import CSwitchboardShims

/// A level-triggered epoll instance owned by one thread, with its event array allocated once.
/// Each registered descriptor carries a caller-chosen 64-bit token that `wait` reports back.
///
/// Threads: one thread at a time (built by the thread that starts a worker, then used only by the
/// worker); `Sendable` only for that hand-over.
///
/// Invariants: the descriptor is valid from `init` until `deinit` closes it; `events` holds
/// `capacity` entries; `wait` never allocates or throws.
final class Epoll: @unchecked Sendable {
    let fileDescriptor: Int32
    let capacity: Int
    private let events: UnsafeMutablePointer<epoll_event>

    init(capacity: Int) throws(SyscallError) {
        precondition(capacity > 0, "an epoll event array needs room for one event")
        fileDescriptor = Int32(try Syscall.require("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) })
        self.capacity = capacity
        events = .allocate(capacity: capacity)
        events.initialize(repeating: epoll_event(), count: capacity)
    }

    deinit {
        close(fileDescriptor)
        events.deallocate()
    }

    /// Watches `descriptor` for readability; `wait` will report `token` for it.
    func register(_ descriptor: Int32, token: UInt64) throws(SyscallError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = token
        try Syscall.require("epoll_ctl") { epoll_ctl(fileDescriptor, EPOLL_CTL_ADD, descriptor, &event) }
    }

    /// Stops watching `descriptor` (before it is closed elsewhere).
    func unregister(_ descriptor: Int32) throws(SyscallError) {
        try Syscall.require("epoll_ctl") { epoll_ctl(fileDescriptor, EPOLL_CTL_DEL, descriptor, nil) }
    }

    /// Waits up to `timeoutMilliseconds` (-1: no limit, 0: poll) and returns how many ready
    /// descriptors `token(at:)` can report. A signal or a failure counts as zero ready.
    func wait(timeoutMilliseconds: Int32) -> Int {
        let result = epoll_wait(fileDescriptor, events, Int32(capacity), timeoutMilliseconds)
        return result > 0 ? Int(result) : 0
    }

    /// The token of the `index`th ready descriptor of the last `wait`.
    func token(at index: Int) -> UInt64 { events[index].data.u64 }
}
