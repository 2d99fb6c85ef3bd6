import Glibc
internal import CSwitchboardShims

/// A joinable POSIX thread, optionally pinned to one CPU, that runs one closure. Used for
/// workers instead of Foundation's `Thread`, so the Worker module needs no Foundation.
///
/// Invariants: `join()` is called at most once (the owner guarantees it); pinning is applied
/// through the thread attributes, so a pinned thread never runs elsewhere, and an unavailable
/// CPU makes `spawn` throw instead of starting an unpinned thread.
final class OSThread: Sendable {
    private let handle: pthread_t

    private init(handle: pthread_t) { self.handle = handle }

    private final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a thread named `name` (pinned to `cpu` if given) that runs `body`.
    static func spawn(name: String, cpu: Int?, body: @escaping @Sendable () -> Void) throws(SyscallError) -> OSThread {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if let cpu {
            let result = CSwitchboardShims_pthread_attr_set_cpu(&attributes, Int32(clamping: cpu))
            guard result == 0 else { throw SyscallError(call: "pthread_attr_setaffinity_np", errno: result) }
        }
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, &attributes, { argument in
            guard let argument else { return nil }
            let start = Unmanaged<Start>.fromOpaque(argument).takeRetainedValue()
            _ = start.name.withCString { CSwitchboardShims_set_current_thread_name($0) }
            start.body()
            return nil
        }, start)
        guard result == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            throw SyscallError(call: "pthread_create", errno: result)
        }
        return OSThread(handle: handle)
    }

    /// Waits for the thread to finish.
    func join() {
        pthread_join(handle, nil)
    }
}
