import LoadModel
import Testing

@Suite struct ProbeTrailerTests {
    @Test func roundTripsAtTheEndOfAPayload() {
        var bytes = [UInt8](repeating: 0xAA, count: 100)
        let probe = ProbeTrailer(stream: ProbeStreamID(rawValue: 7), sequence: 1_234_567, sentAt: 987_654_321)
        let written = bytes.withUnsafeMutableBytes { probe.write(atEndOf: $0) }
        #expect(written)
        #expect(bytes[0..<76].allSatisfy { $0 == 0xAA })
        #expect(Array(bytes[76..<80]) == Array("SBLP".utf8))
        let read = bytes.withUnsafeBytes { ProbeTrailer(atEndOf: $0) }
        #expect(read == probe)
    }

    @Test func refusesShortOrForeignPayloads() {
        let short = [UInt8](repeating: 0, count: 23)
        #expect(short.withUnsafeBytes { ProbeTrailer(atEndOf: $0) } == nil)
        let foreign = [UInt8](repeating: 0, count: 64)
        #expect(foreign.withUnsafeBytes { ProbeTrailer(atEndOf: $0) } == nil)
    }
}
