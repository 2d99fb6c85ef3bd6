import Allocator
import Testing

/// The test binary links Allocator, so jemalloc serves its malloc too (as in the server).
@Suite("jemalloc check and statistics, in process")
struct AllocatorTests {
    @Test("jemalloc serves malloc and reports its version")
    func verify() throws {
        let info = try Jemalloc.verifyServesMalloc()
        #expect(info.name == "jemalloc")
        #expect(info.version.hasPrefix("5."))
        #expect(info.description == "jemalloc \(info.version)")
    }

    @Test("stats.allocated follows a large Swift allocation")
    func statistics() throws {
        let size = 64 << 20
        let before = try Jemalloc.statistics()
        #expect(before.allocatedBytes > 0)
        #expect(before.residentBytes > 0)
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { block.deallocate() }
        block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
        let during = try Jemalloc.statistics()
        #expect(during.allocatedBytes - before.allocatedBytes >= size / 2)
        #expect(during.residentBytes - before.residentBytes >= size / 2)
    }
}
