import CHeapUsage
import Glibc

/// Whose code the benchmark thread is running: the relay (the data-channel thread's work under
/// measure) or the client peers that stand in for browsers.
enum Side {
    case relay, peers
}

/// A figure for each side.
struct PerSide<Value: AdditiveArithmetic> {
    var relay: Value = .zero
    var peers: Value = .zero

    subscript(side: Side) -> Value {
        get { side == .relay ? relay : peers }
        set {
            if side == .relay { relay = newValue } else { peers = newValue }
        }
    }
}

/// Splits the benchmark thread's work between the relay and the peers: `enter(_:)` closes the
/// current stretch, charges it to its side, and opens one for the side given (`nil`: neither,
/// e.g. while the benchmark waits or checks).
///
/// CPU time is the thread's own (CLOCK_THREAD_CPUTIME_ID), so time spent waiting for a core on
/// the shared machine is not charged. The heap's growth (glibc's bytes in use, read at every
/// switch) is followed only when `measuresHeap`, because reading it walks the allocator's bins.
///
/// Invariants: `cpuNanoseconds` and `heapBytes` sum closed stretches only; a stretch is charged
/// to exactly one side, or to none.
struct SideMeter {
    let measuresHeap: Bool
    private(set) var cpuNanoseconds = PerSide<Int64>()
    private(set) var heapBytes = PerSide<Int>()
    private var current: Side?
    private var stretchCPU: Int64 = 0
    private var stretchHeap = 0

    init(measuresHeap: Bool) {
        self.measuresHeap = measuresHeap
    }

    mutating func enter(_ side: Side?) {
        let cpu = Self.threadCPUNanoseconds()
        let heap = measuresHeap ? Int(CHeapUsage_allocated_bytes()) : 0
        if let current {
            cpuNanoseconds[current] += cpu - stretchCPU
            heapBytes[current] += heap - stretchHeap
        }
        current = side
        stretchCPU = cpu
        stretchHeap = heap
    }

    /// Forgets what was charged (the current stretch, if any, restarts now).
    mutating func reset() {
        cpuNanoseconds = PerSide()
        heapBytes = PerSide()
        stretchCPU = Self.threadCPUNanoseconds()
        stretchHeap = measuresHeap ? Int(CHeapUsage_allocated_bytes()) : 0
    }

    static func threadCPUNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
