import Glibc
import Testing
@testable import Worker

@Suite("Process figures from /proc")
struct ProcessFiguresTests {
    /// The calling thread's CPU time as the kernel's clock reports it (independent of `/proc`).
    private func threadClockSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func theCurrentThreadIdNamesATaskOfThisProcess() throws {
        let id = try #require(ProcessFigures.currentThreadID())
        #expect(id > 0)
        // The main thread's id is the process id; a task directory exists for every thread.
        #expect(ProcFile.withContents(of: "/proc/self/task/\(id)/stat") { ProcStatFields.cpuTicks(statLine: $0) } != nil)
        #expect(ProcessFigures.threadCPUSeconds(threadID: getpid()) != nil)
        #expect(ProcessFigures.threadCPUSeconds(threadID: 0) == nil)
        #expect(ProcessFigures.threadCPUSeconds(threadID: Int32.max) == nil, "no such thread")
    }

    @Test func threadCPUTimeGrowsWithWorkAndAgreesWithTheThreadClock() throws {
        // All on this thread: no suspension point between the reads.
        let id = try #require(ProcessFigures.currentThreadID())
        let before = try #require(ProcessFigures.threadCPUSeconds(threadID: id))
        let clockBefore = threadClockSeconds()
        var spin: UInt64 = 0
        let started = MonotonicClock.now()
        while threadClockSeconds() - clockBefore < 0.3, MonotonicClock.now() - started < 10_000_000_000 {
            for step in 0..<10_000 { spin = spin &* 6364136223846793005 &+ UInt64(step) }
        }
        let after = try #require(ProcessFigures.threadCPUSeconds(threadID: id))
        let clockUsed = threadClockSeconds() - clockBefore
        #expect(spin != 1)
        #expect(after > before)
        // Ticks are 1/CLK_TCK s (10 ms at 100 Hz) and truncated: allow two ticks either side.
        let tick = 1 / Double(ProcessFigures.ticksPerSecond)
        #expect(abs((after - before) - clockUsed) <= 2 * tick + 0.01, "/proc: \(after - before) s, clock: \(clockUsed) s")
        // The process has used at least what this thread used.
        #expect(try #require(ProcessFigures.processCPUSeconds()) >= after - tick)
    }

    @Test func residentBytesGrowWhenPagesAreTouched() throws {
        let size = 64 << 20
        let before = try #require(ProcessFigures.residentBytes())
        #expect(before > 0)
        #expect(before % ProcessFigures.pageSize == 0)
        let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        try #require(memory != MAP_FAILED)
        defer { munmap(memory, size) }
        let bytes = try #require(memory).assumingMemoryBound(to: UInt8.self)
        for offset in stride(from: 0, to: size, by: ProcessFigures.pageSize) { bytes[offset] = 1 }
        let after = try #require(ProcessFigures.residentBytes())
        // Other tests run in this process at the same time; most of the 64 MiB must show.
        #expect(after - before >= 48 << 20, "RSS \(before) → \(after)")
    }
}
