@testable import LoadDataChannels
import LoadModel
import Testing

@Suite("DataChannelProbeReceiver")
struct DataChannelProbeReceiverTests {
    static func message(bytes: Int, stream: UInt32, sequence: UInt64, sentAt: Int64) -> [UInt8] {
        var payload = [UInt8](repeating: 0xAB, count: bytes)
        payload.withUnsafeMutableBytes {
            _ = ProbeTrailer(stream: ProbeStreamID(rawValue: stream), sequence: sequence, sentAt: sentAt).write(atEndOf: $0)
        }
        return payload
    }

    @Test("Arrivals are measured per stream, in the order the streams were first seen, once measured")
    func twoStreams() {
        var receiver = DataChannelProbeReceiver()
        var delays = DelayHistogram()
        for sequence in 0..<5 as Range<UInt64> {
            let sentAt = Int64(sequence) * 1_000_000
            let first = Self.message(bytes: 100, stream: 9, sequence: sequence, sentAt: sentAt)
            let second = Self.message(bytes: 24, stream: 4, sequence: sequence, sentAt: sentAt)
            #expect(first.withUnsafeBytes { receiver.receive($0, at: sentAt + 2_000_000) })
            #expect(second.withUnsafeBytes { receiver.receive($0, at: sentAt + 3_000_000) })
        }
        #expect(receiver.receptions.isEmpty)
        #expect(receiver.pending.count == 10)
        #expect(receiver.firstReceivedAt == 2_000_000)

        receiver.measure(into: &delays)
        #expect(receiver.pending.isEmpty)
        #expect(receiver.receptions.map(\.stream.rawValue) == [9, 4])
        for reception in receiver.receptions {
            #expect(reception.uniquePackets == 5)
            #expect(reception.firstSequence == 0)
            #expect(reception.highestSequence == 4)
            #expect(reception.reordered == 0)
        }
        #expect(delays.count == 10)
        #expect(delays.maximumNanoseconds == 3_000_000)
        #expect(delays.sumNanoseconds == 5 * 2_000_000 + 5 * 3_000_000)
    }

    @Test("A message without a probe trailer is counted and not measured")
    func withoutProbe() {
        var receiver = DataChannelProbeReceiver()
        var delays = DelayHistogram()
        let short: [UInt8] = Array("hello".utf8)
        var noMagic = Self.message(bytes: 64, stream: 1, sequence: 0, sentAt: 0)
        noMagic[64 - 24] ^= 0xFF
        #expect(!short.withUnsafeBytes { receiver.receive($0, at: 10) })
        #expect(!noMagic.withUnsafeBytes { receiver.receive($0, at: 11) })
        #expect(![UInt8]().withUnsafeBytes { receiver.receive($0, at: 12) })
        receiver.measure(into: &delays)
        #expect(receiver.messagesWithoutProbe == 3)
        #expect(receiver.receptions.isEmpty)
        #expect(delays.count == 0)
        #expect(receiver.firstReceivedAt == 10)
    }
}
