import Glibc
import Synchronization

/// The control plane's way into a worker: a bounded lock-free ring that any number of threads
/// enqueue commands into, which the worker's loop drains, and an eventfd that wakes the loop.
///
/// The ring is Vyukov's bounded multi-producer queue, specialised to a single consumer. Every
/// slot `i` has a sequence number `sequence[i]`, and `enqueuePosition` / `dequeuePosition` count
/// up forever (a position's slot is `position & mask`):
/// - `sequence[slot] == position`: the slot is free for the producer of `position`;
/// - `sequence[slot] == position + 1`: it holds the command of `position`, ready for the consumer;
/// - the consumer frees it for the next lap by storing `position + capacity`.
///
/// A producer claims `position` with a compare-and-swap on `enqueuePosition` (relaxed: the
/// slot's sequence number, loaded with acquire, is what orders the slot's memory), initializes
/// the slot, then publishes it with a releasing store of `position + 1`. The consumer loads the
/// sequence number with acquire, moves the command out, and frees the slot with a releasing
/// store, which the next lap's producer acquires before it overwrites the slot. When the slot
/// at `enqueuePosition` still holds an unread command of the previous lap, the ring is full and
/// `offer` fails at once: no producer ever waits for the consumer.
///
/// Closing: the low bit of `enqueueState` is the closed flag, the rest is `enqueuePosition`
/// (`state = position << 1 | closed`), so a claim and the flag are checked by the same
/// compare-and-swap: once `close()` has set the bit, no position can be claimed. `close()` then
/// waits for the few producers that claimed a position before the bit and are still
/// initializing their slot (a bounded spin: nothing blocks between claim and publish) and hands
/// back everything up to the last claimed position, so a command accepted by `offer` is always
/// either drained or returned by `close()`, never stranded.
///
/// Wake-ups: `isSignalled` is true from the moment a producer found it false (and signalled the
/// eventfd) until the consumer clears it at the start of `drain`. A producer publishes its slot
/// *before* its acquire-release exchange of the flag, and the consumer clears the flag with an
/// acquire-release exchange *before* reading slots; so either the consumer's clear comes later
/// in the flag's modification order and sees the publish, or the producer's exchange comes later,
/// finds false and signals again. No published command is left without a pending wake-up.
///
/// Invariants: `capacity` is a power of two ≥ 2; `0 ≤ enqueuePosition - dequeuePosition ≤
/// capacity`; slots in `dequeuePosition..<enqueuePosition` are initialized or being initialized
/// by the producer that claimed them, all others are uninitialized; `drain` and `close` are
/// called by one consumer thread at a time (the worker), `offer`/`enqueue` by any thread; the
/// queue's `deinit` deinitializes every command still in it, exactly once.
public final class MPSCCommandQueue<Command: Sendable>: @unchecked Sendable {
    /// What `offer` did with a command.
    public enum Outcome: Sendable, Equatable {
        /// The command is in the ring; the worker will drain it (or `close()` hands it back).
        case queued
        /// Refused: every slot holds an unread command, the worker is behind (the control plane
        /// reports "worker busy" and may retry).
        case full
        /// Refused: `close()` ran, the worker stopped.
        case closed
    }

    /// The doorbell the worker's epoll watches.
    public let wakeup: EventFD
    /// How many commands the ring holds.
    public let capacity: Int
    private let mask: Int
    private let slots: UnsafeMutablePointer<Command>
    private let sequences: UnsafeMutablePointer<Atomic<Int>>
    /// `enqueuePosition << 1 | closed`.
    private let enqueueState = Atomic<Int>(0)
    /// Consumer-owned (relaxed accesses; atomic only so that `close` may run on another thread
    /// than earlier `drain`s, with the caller ordering those calls).
    private let dequeuePosition = Atomic<Int>(0)
    private let isSignalled = Atomic<Bool>(false)

    /// The default `capacity` (`WorkerConfiguration.commandQueueCapacity`).
    public static var defaultCapacity: Int { 4096 }

    /// - Parameter capacity: a power of two ≥ 2.
    public init(capacity: Int = defaultCapacity) throws(SyscallError) {
        precondition(capacity >= 2 && capacity <= 1 << 40 && capacity & (capacity - 1) == 0,
                     "command ring capacity must be a power of two ≥ 2")
        wakeup = try EventFD()
        self.capacity = capacity
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        sequences = .allocate(capacity: capacity)
        for index in 0..<capacity {
            (sequences + index).initialize(to: Atomic(index))
        }
    }

    deinit {
        var position = dequeuePosition.load(ordering: .relaxed)
        let end = enqueueState.load(ordering: .acquiring) >> 1
        while position != end {
            // Nothing else references the queue: every claimed slot was published.
            (slots + (position & mask)).deinitialize(count: 1)
            position &+= 1
        }
        sequences.deinitialize(count: capacity)
        sequences.deallocate()
        slots.deallocate()
    }

    /// Any thread; never blocks. Queues `command` and wakes the worker if it is not already
    /// woken. When refused (`.full`, `.closed`) `command` is dropped.
    public func offer(_ command: Command) -> Outcome {
        var state = enqueueState.load(ordering: .relaxed)
        var position = 0
        while true {
            guard state & 1 == 0 else { return .closed }
            position = state >> 1
            let sequence = sequences[position & mask].load(ordering: .acquiring)
            let lag = sequence &- position
            if lag == 0 {
                let (exchanged, original) = enqueueState.weakCompareExchange(
                    expected: state, desired: state &+ 2,
                    successOrdering: .relaxed, failureOrdering: .relaxed)
                if exchanged { break }
                state = original
            } else if lag < 0 {
                // The slot still holds the previous lap's command. Re-check the state so that a
                // closed ring reports `.closed` and a stale position does not report `.full`.
                let current = enqueueState.load(ordering: .relaxed)
                if current == state { return .full }
                state = current
            } else {
                // Another producer claimed this position; retry at the current one.
                state = enqueueState.load(ordering: .relaxed)
            }
        }
        (slots + (position & mask)).initialize(to: command)
        sequences[position & mask].store(position &+ 1, ordering: .releasing)
        if !isSignalled.exchange(true, ordering: .acquiringAndReleasing) { wakeup.signal() }
        return .queued
    }

    /// Any thread; never blocks. `offer` reduced to whether `command` was queued (false when
    /// the ring is full or closed; `command` is then dropped).
    @discardableResult
    public func enqueue(_ command: Command) -> Bool {
        offer(command) == .queued
    }

    /// Consumer only; never blocks. Appends the ready commands, oldest first, to `buffer` and
    /// returns whether it took any. It stops at a position whose producer is still initializing
    /// its slot (that producer's publish signals the eventfd again, so the loop comes back), and
    /// after `capacity` commands, so that producers refilling the ring cannot keep one drain
    /// going forever (it then signals the eventfd itself for the rest).
    @discardableResult
    public func drain(into buffer: inout [Command]) -> Bool {
        _ = isSignalled.exchange(false, ordering: .acquiringAndReleasing)
        let start = dequeuePosition.load(ordering: .relaxed)
        var position = start
        while position &- start < capacity, let command = take(at: position) {
            buffer.append(command)
            position &+= 1
        }
        dequeuePosition.store(position, ordering: .relaxed)
        if position &- start == capacity, !isSignalled.exchange(true, ordering: .acquiringAndReleasing) {
            wakeup.signal()
        }
        return position != start
    }

    /// Consumer only. Refuses every later `offer`/`enqueue` and returns the commands still queued,
    /// oldest first (the worker drops them, which fails their replies). Waits for producers that
    /// claimed a slot before the close to finish filling it.
    public func close() -> [Command] {
        let end = enqueueState.bitwiseOr(1, ordering: .relaxed).oldValue >> 1
        var position = dequeuePosition.load(ordering: .relaxed)
        var remaining: [Command] = []
        remaining.reserveCapacity(end &- position)
        while position != end {
            if let command = take(at: position) {
                remaining.append(command)
                position &+= 1
            } else {
                sched_yield()
            }
        }
        dequeuePosition.store(position, ordering: .relaxed)
        return remaining
    }

    /// Moves the command at `position` out of its slot and frees the slot for the next lap, or
    /// nil when the slot is not published yet.
    private func take(at position: Int) -> Command? {
        let slot = position & mask
        guard sequences[slot].load(ordering: .acquiring) == position &+ 1 else { return nil }
        let command = (slots + slot).move()
        sequences[slot].store(position &+ capacity, ordering: .releasing)
        return command
    }
}
