import Synchronization

/// Every test that touches usrsctp runs inside `UsrsctpTestLock.run`, whatever its target.
///
/// usrsctp is one process-wide instance driven by one owner thread (`SCTPStack`): a timer tick
/// from one test runs every association of the process and queues packets for them. All test
/// targets build into one test binary and Swift Testing runs suites concurrently, while
/// `.serialized` only orders the tests of one suite (and the suites nested in it); so each test
/// that makes associations takes this lock for its whole body, and the lock's release and
/// acquire order one owner's calls before the next one's.
///
/// Waiting suspends (it never blocks a thread): Swift Testing runs tests on the cooperative
/// pool, which has one thread per core, and tests blocked on a lock would starve every other
/// test of the process (timing-sensitive ones then fail for no fault of their own).
///
/// Invariant: held by at most one test, which makes, drives and frees all its associations
/// inside it; waiters get it in arrival order.
public enum UsrsctpTestLock {
    private struct State {
        var isHeld = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private static let state = Mutex(State())

    @discardableResult
    public static func run<Result>(_ body: () throws -> Result) async rethrows -> Result {
        await acquire()
        defer { release() }
        return try body()
    }

    private static func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                guard state.isHeld else {
                    state.isHeld = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Hands the lock to the first waiter, or frees it.
    private static func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isHeld = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}

/// The fake monotonic clock (nanoseconds) usrsctp's timers see in tests: one for the process,
/// because usrsctp's timer base is global, and only ever moved forward.
///
/// Invariant: read and moved only under `UsrsctpTestLock`.
public enum UsrsctpTestClock {
    nonisolated(unsafe) public static var now: Int64 = 1_000_000_000
}
