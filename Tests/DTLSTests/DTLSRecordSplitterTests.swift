@testable import DTLS
import TestSupport
import Testing

@Suite("Splitting written records into datagrams")
struct DTLSRecordSplitterTests {
    /// A DTLS record: content type 23, DTLS 1.2, epoch 1, sequence `sequence`, then the body.
    static func record(_ sequence: UInt8, bodyLength: Int) -> [UInt8] {
        [23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, sequence, UInt8(bodyLength >> 8), UInt8(bodyLength & 0xFF)]
            + Array(repeating: sequence, count: bodyLength)
    }

    @Test("records are packed whole, in order, up to the MTU")
    func packs() {
        let a = Self.record(1, bodyLength: 87)  // 100 bytes
        let b = Self.record(2, bodyLength: 87)
        let c = Self.record(3, bodyLength: 187)  // 200 bytes
        let datagrams = DTLSRecordSplitter.datagrams(a + b + c, mtu: 300)
        #expect(datagrams == [a + b, c])
        #expect(DTLSRecordSplitter.datagrams(a + b + c, mtu: 400) == [a + b + c])
        #expect(DTLSRecordSplitter.datagrams(a + b + c, mtu: 199) == [a, b, c])
    }

    @Test("a record larger than the MTU travels alone")
    func oversize() {
        let small = Self.record(1, bodyLength: 10)
        let large = Self.record(2, bodyLength: 500)
        #expect(DTLSRecordSplitter.datagrams(small + large + small, mtu: 100) == [small, large, small])
    }

    @Test("nothing in, nothing out; a truncated tail is kept, never dropped")
    func edges() {
        #expect(DTLSRecordSplitter.datagrams([], mtu: 1200).isEmpty)
        let record = Self.record(1, bodyLength: 50)
        #expect(DTLSRecordSplitter.datagrams(record + [23, 0xFE], mtu: 1200) == [record + [23, 0xFE]])
        #expect(DTLSRecordSplitter.datagrams(record + record.prefix(20), mtu: 70) == [record, Array(record.prefix(20))])
    }

    @Test("random input: the datagrams concatenate back to the input and none is empty")
    func random() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...3000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let mtu = Int.random(in: 1...1500, using: &generator)
            let datagrams = DTLSRecordSplitter.datagrams(bytes, mtu: mtu)
            #expect(datagrams.flatMap { $0 } == bytes)
            #expect(!datagrams.contains { $0.isEmpty })
        }
    }
}
