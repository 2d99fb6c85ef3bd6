/// A hashed timing wheel: timers are kept in `slotCount` buckets by deadline tick (`deadline /
/// tickNanoseconds`, rounded up), and expire in tick order as time advances. Deadlines are
/// monotonic nanoseconds, the same scale as `MonotonicClock.now()`; the wheel never reads a
/// clock itself, so tests drive it with any numbers.
///
/// Timers are never early: one with deadline `d` expires at the first `popExpired(now:)` with
/// `now >= d` rounded up to a tick (so at most one tick late, plus however late the caller
/// calls). Timers in the same tick expire in the order they were scheduled. Deadlines more than
/// one revolution ahead stay in their bucket until their own tick comes round.
///
/// Invariants: every node is in exactly one place: the free list, one bucket's list, or the due
/// list; a bucket's bit in `occupied` is set exactly when its list is non-empty; `count` is the
/// number of timers scheduled and not yet expired or cancelled. Nodes come from a pool that
/// grows by doubling when it runs out, so scheduling does not allocate in steady state.
public struct TimerWheel {
    /// The wheel's resolution.
    public let tickNanoseconds: Int64
    /// Buckets per revolution (a power of two, at least 64).
    public let slotCount: Int
    /// Timers scheduled and not yet expired or cancelled.
    public private(set) var count = 0

    private let slotMask: Int64
    /// The last tick whose bucket was processed.
    private var currentTick: Int64
    private var heads: [Int32]
    private var tails: [Int32]
    private var occupied: [UInt64]
    private var nodes: [Node] = []
    private var freeHead: Int32 = -1
    private var dueHead: Int32 = -1
    private var dueTail: Int32 = -1
    private var inBuckets = 0

    private enum Place: UInt8 { case free, bucket, due }

    private struct Node {
        var next: Int32 = -1
        var previous: Int32 = -1
        var generation: UInt32 = 0
        var place = Place.free
        var deadlineTick: Int64 = 0
        var token: UInt64 = 0
    }

    /// - Parameters:
    ///   - now: the current monotonic time; timers due at or before it fire on the next tick.
    ///   - tickNanoseconds: resolution (default 1 ms).
    ///   - slotCount: buckets per revolution (default 1024: one second at 1 ms).
    ///   - initialCapacity: timer nodes allocated up front.
    public init(now: Int64, tickNanoseconds: Int64 = 1_000_000, slotCount: Int = 1024, initialCapacity: Int = 1024) {
        precondition(tickNanoseconds > 0, "tick must be positive")
        precondition(slotCount >= 64 && slotCount & (slotCount - 1) == 0, "slot count must be a power of two ≥ 64")
        self.tickNanoseconds = tickNanoseconds
        self.slotCount = slotCount
        slotMask = Int64(slotCount - 1)
        currentTick = Self.floorDivide(now, tickNanoseconds)
        heads = Array(repeating: -1, count: slotCount)
        tails = Array(repeating: -1, count: slotCount)
        occupied = Array(repeating: 0, count: slotCount / 64)
        grow(to: max(initialCapacity, 1))
    }

    /// Schedules `token` to expire at `deadline` (monotonic nanoseconds). A deadline already
    /// past expires on the next tick.
    public mutating func schedule(at deadline: Int64, token: UInt64) -> TimerHandle {
        var tick = Self.ceilingDivide(deadline, tickNanoseconds)
        if tick <= currentTick { tick = currentTick &+ 1 }
        if freeHead < 0 { grow(to: nodes.count * 2) }
        let index = Int(freeHead)
        freeHead = nodes[index].next
        nodes[index].deadlineTick = tick
        nodes[index].token = token
        linkIntoBucket(index)
        count += 1
        return TimerHandle(node: Int32(index), generation: nodes[index].generation)
    }

    /// Cancels the timer `handle` names; false when it already expired or was cancelled.
    @discardableResult
    public mutating func cancel(_ handle: TimerHandle) -> Bool {
        let index = Int(handle.node)
        guard index >= 0, index < nodes.count, nodes[index].generation == handle.generation else { return false }
        switch nodes[index].place {
        case .free: return false
        case .bucket: unlinkFromBucket(index)
        case .due: unlinkFromDue(index)
        }
        release(index)
        return true
    }

    /// The next expired token at time `now`, oldest tick first; nil when nothing more is due.
    /// Call until nil. Handling a token may schedule or cancel timers in between.
    public mutating func popExpired(now: Int64) -> UInt64? {
        if dueHead < 0 { collectExpired(through: Self.floorDivide(now, tickNanoseconds)) }
        guard dueHead >= 0 else { return nil }
        let index = Int(dueHead)
        unlinkFromDue(index)
        let token = nodes[index].token
        release(index)
        return token
    }

    /// When the caller should next call `popExpired`: the start of the earliest tick whose bucket
    /// holds a timer (possibly one due a later revolution, which just means an early wake-up),
    /// or nil when no timer is scheduled.
    public func nextDeadline() -> Int64? {
        if dueHead >= 0 { return currentTick &* tickNanoseconds }
        guard inBuckets > 0, let tick = nextOccupiedTick(after: currentTick) else { return nil }
        return tick &* tickNanoseconds
    }

    // MARK: Expiry

    /// Processes ticks up to `target` in order, stopping after the first tick that expired
    /// something (the rest is taken on later calls, keeping tick order).
    private mutating func collectExpired(through target: Int64) {
        while currentTick < target {
            guard inBuckets > 0, let tick = nextOccupiedTick(after: currentTick), tick <= target else {
                currentTick = target
                return
            }
            currentTick = tick
            expireBucket(of: tick)
            if dueHead >= 0 { return }
        }
    }

    /// Moves the timers of `tick`'s bucket that are due by `tick` to the due list, in order.
    private mutating func expireBucket(of tick: Int64) {
        var cursor = heads[Int(tick & slotMask)]
        while cursor >= 0 {
            let index = Int(cursor)
            cursor = nodes[index].next
            if nodes[index].deadlineTick <= tick {
                unlinkFromBucket(index)
                appendToDue(index)
            }
        }
    }

    /// The first tick after `tick` whose bucket is non-empty, looking one revolution ahead.
    private func nextOccupiedTick(after tick: Int64) -> Int64? {
        let start = Int((tick &+ 1) & slotMask)
        let wordCount = occupied.count
        var wordIndex = start >> 6
        var word = occupied[wordIndex] & (~UInt64(0) << UInt64(start & 63))
        // The start word (from `start` on), every other word, then the start word again: its
        // bits below `start` come last in the cycle (its bits from `start` on were zero).
        for _ in 0...wordCount {
            if word != 0 {
                let slot = wordIndex << 6 | word.trailingZeroBitCount
                let distance = (slot - start + slotCount) & (slotCount - 1)
                return tick &+ 1 &+ Int64(distance)
            }
            wordIndex = (wordIndex + 1) % wordCount
            word = occupied[wordIndex]
        }
        return nil
    }

    // MARK: Lists

    private mutating func linkIntoBucket(_ index: Int) {
        let slot = Int(nodes[index].deadlineTick & slotMask)
        nodes[index].place = .bucket
        nodes[index].next = -1
        nodes[index].previous = tails[slot]
        if tails[slot] >= 0 { nodes[Int(tails[slot])].next = Int32(index) } else { heads[slot] = Int32(index) }
        tails[slot] = Int32(index)
        occupied[slot >> 6] |= 1 << UInt64(slot & 63)
        inBuckets += 1
    }

    private mutating func unlinkFromBucket(_ index: Int) {
        let slot = Int(nodes[index].deadlineTick & slotMask)
        let (previous, next) = (nodes[index].previous, nodes[index].next)
        if previous >= 0 { nodes[Int(previous)].next = next } else { heads[slot] = next }
        if next >= 0 { nodes[Int(next)].previous = previous } else { tails[slot] = previous }
        if heads[slot] < 0 { occupied[slot >> 6] &= ~(1 << UInt64(slot & 63)) }
        inBuckets -= 1
    }

    private mutating func appendToDue(_ index: Int) {
        nodes[index].place = .due
        nodes[index].next = -1
        nodes[index].previous = dueTail
        if dueTail >= 0 { nodes[Int(dueTail)].next = Int32(index) } else { dueHead = Int32(index) }
        dueTail = Int32(index)
    }

    private mutating func unlinkFromDue(_ index: Int) {
        let (previous, next) = (nodes[index].previous, nodes[index].next)
        if previous >= 0 { nodes[Int(previous)].next = next } else { dueHead = next }
        if next >= 0 { nodes[Int(next)].previous = previous } else { dueTail = previous }
    }

    /// Returns a node to the free list; its new generation invalidates old handles.
    private mutating func release(_ index: Int) {
        nodes[index].place = .free
        nodes[index].generation &+= 1
        nodes[index].next = freeHead
        freeHead = Int32(index)
        count -= 1
    }

    private mutating func grow(to capacity: Int) {
        precondition(capacity <= Int(Int32.max), "too many timers")
        let first = nodes.count
        nodes.reserveCapacity(capacity)
        for index in first..<capacity {
            nodes.append(Node(next: index + 1 < capacity ? Int32(index + 1) : freeHead))
        }
        freeHead = Int32(first)
    }

    // MARK: Arithmetic

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func ceilingDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor > 0 ? quotient + 1 : quotient
    }
}
