import Glibc
import Testing
@testable import Worker

@Suite("Syscall")
struct SyscallTests {
    @Test func retriesEINTRThenReportsTheResult() {
        var calls = 0
        let outcome = Syscall.attempt { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(outcome == .completed(42))
        #expect(calls == 3)
    }

    @Test func mapsEAGAINToWouldBlock() throws {
        let doorbell = try EventFD()
        var value: UInt64 = 0
        #expect(Syscall.attempt { read(doorbell.fileDescriptor, &value, 8) } == .wouldBlock)
        #expect(try Syscall.call("read") { read(doorbell.fileDescriptor, &value, 8) } == .wouldBlock)
        errno = EWOULDBLOCK
        #expect(Syscall.attempt { Int32(-1) } == .wouldBlock)
    }

    @Test func failureNamesTheCallAndErrno() {
        #expect(Syscall.attempt { close(-1) } == .failed(errno: EBADF))
        do {
            try Syscall.require("close") { close(-1) }
            Issue.record("closing -1 succeeded")
        } catch {
            #expect(error == SyscallError(call: "close", errno: EBADF))
            #expect(error.description == "close: Bad file descriptor (errno 9)")
        }
    }

    @Test func requireTreatsWouldBlockAsAFailure() {
        #expect(throws: SyscallError(call: "read", errno: EAGAIN)) {
            let doorbell = try EventFD()
            var value: UInt64 = 0
            try Syscall.require("read") { read(doorbell.fileDescriptor, &value, 8) }
        }
    }

    @Test func eventFDCountsSignalsUntilDrained() throws {
        let doorbell = try EventFD()
        #expect(!waitReadable(doorbell.fileDescriptor, milliseconds: 0))
        doorbell.signal()
        doorbell.signal()
        #expect(waitReadable(doorbell.fileDescriptor, milliseconds: 0))
        #expect(doorbell.drain() == 2)
        #expect(doorbell.drain() == 0)
        #expect(!waitReadable(doorbell.fileDescriptor, milliseconds: 0))
    }

    @Test func monotonicClockMovesForward() {
        let first = MonotonicClock.now()
        var spin = 0
        for value in 0..<10_000 { spin &+= value }
        let second = MonotonicClock.now()
        #expect(first > 0)
        #expect(second >= first)
        #expect(spin > 0)
    }
}
