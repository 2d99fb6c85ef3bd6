import RTCWire
import SFUCore
import Testing

/// RFC 3550 Appendix A.1/A.3 (extended sequence numbers, cumulative loss) and A.8 (interarrival
/// jitter) against sequences worked out by hand.
@Suite("ReceptionStatistics: loss and jitter of a received stream (RFC 3550 A.1, A.3, A.8)")
struct ReceptionStatisticsTests {
    /// Records `sequences` in arrival order, 20 ms apart, with a known 90 kHz clock.
    static func received(_ sequences: [UInt16]) -> ReceptionStatistics {
        var statistics = ReceptionStatistics()
        for (index, sequence) in sequences.enumerated() {
            statistics.record(sequence: SequenceNumber(sequence), timestamp: UInt32(index) * 1800,
                              arrival: Int64(index) * 20_000_000, clockRate: 90_000)
        }
        return statistics
    }

    @Test("before any packet everything is zero")
    func empty() {
        let statistics = ReceptionStatistics()
        #expect(statistics.expected == 0)
        #expect(statistics.packetsLost == 0)
        #expect(statistics.jitter == 0)
        #expect(statistics.jitterSeconds == 0)
    }

    @Test("a gap: 100, 101, 103, 104 expects 5, received 4, lost 1")
    func gap() {
        let statistics = Self.received([100, 101, 103, 104])
        #expect(statistics.expected == 5)
        #expect(statistics.received == 4)
        #expect(statistics.packetsLost == 1)
        #expect(statistics.extendedHighestSequence == 104)
    }

    @Test("reordering: 10, 12, 11, 13 loses nothing and keeps 13 as the highest")
    func reordering() {
        let statistics = Self.received([10, 12, 11, 13])
        #expect(statistics.expected == 4)
        #expect(statistics.packetsLost == 0)
        #expect(statistics.highestSequence == 13)
    }

    @Test("wrap at 65535: 65534, 65535, 0, 2 counts a cycle and one loss")
    func wrap() {
        let statistics = Self.received([65534, 65535, 0, 2])
        #expect(statistics.cycles == 65536)
        #expect(statistics.extendedHighestSequence == 65538)
        #expect(statistics.expected == 5)
        #expect(statistics.packetsLost == 1)
    }

    @Test("a packet reordered across the wrap (65535, 1, 0) is neither a new cycle nor a loss")
    func reorderedAcrossWrap() {
        let statistics = Self.received([65535, 1, 0])
        #expect(statistics.cycles == 65536)
        #expect(statistics.extendedHighestSequence == 65537)
        #expect(statistics.expected == 3)
        #expect(statistics.packetsLost == 0)
    }

    @Test("a duplicate makes the loss negative: 5, 6, 6, 7 expects 3 and received 4")
    func duplicate() {
        let statistics = Self.received([5, 6, 6, 7])
        #expect(statistics.expected == 3)
        #expect(statistics.received == 4)
        #expect(statistics.packetsLost == -1)
    }

    @Test("a jump is a restart only when the next packet follows it")
    func jumpAndRestart() {
        // 5000 alone is ignored (A.1's bad_seq), and 102 continues the run.
        let ignored = Self.received([100, 101, 5000, 102])
        #expect(ignored.expected == 3)
        #expect(ignored.received == 3)
        #expect(ignored.packetsLost == 0)
        #expect(ignored.highestSequence == 102)

        // 5000 then 5001: the run starts over at 5001; 5002 is lost.
        let restarted = Self.received([100, 101, 5000, 5001, 5003])
        #expect(restarted.baseSequence == 5001)
        #expect(restarted.expected == 3)
        #expect(restarted.received == 2)
        #expect(restarted.packetsLost == 1)
    }

    @Test("jitter follows A.8 in integer arithmetic: J += (|D| - J) / 16, kept times 16")
    func jitterByHand() {
        // 90 kHz: one millisecond is exactly 90 ticks. Frames every 30 ms (2700 ticks) arrive
        // at 0, 31, 60 and 95 ms: transit times 0, 90, 0, 450 ticks, so D = 90, 90, 450 and the
        // scaled jitter goes 0 → 90 → 174 (90 + 90 - 6) → 613 (174 + 450 - 11): 613 >> 4 = 38.
        var statistics = ReceptionStatistics()
        let arrivals: [Int64] = [0, 31, 60, 95]
        for (index, arrival) in arrivals.enumerated() {
            statistics.record(sequence: SequenceNumber(UInt16(index)), timestamp: UInt32(index) * 2700,
                              arrival: 7_000_000_000 + arrival * 1_000_000, clockRate: 90_000)
        }
        #expect(statistics.jitter == 38)
        #expect(abs(statistics.jitterSeconds - 38.0 / 90_000) < 1e-12)
    }

    @Test("perfectly paced packets have no jitter; RTP timestamps that wrap do not disturb it")
    func pacedAcrossTimestampWrap() {
        var statistics = ReceptionStatistics()
        for index in 0..<50 {
            let timestamp = UInt32.max - 4800 &+ UInt32(index) * 960  // Opus 20 ms at 48 kHz, wrapping.
            statistics.record(sequence: SequenceNumber(UInt16(index)), timestamp: timestamp,
                              arrival: Int64(index) * 20_000_000, clockRate: 48_000)
        }
        #expect(statistics.jitter == 0)
        #expect(statistics.packetsLost == 0)
    }

    @Test("without a clock rate the loss is still counted and the jitter waits")
    func unknownClockRate() {
        var statistics = ReceptionStatistics()
        for (index, sequence) in [1, 2, 4].enumerated() {
            statistics.record(sequence: SequenceNumber(UInt16(sequence)), timestamp: UInt32(index) * 7919,
                              arrival: Int64(index) * 3_000_000, clockRate: 0)
        }
        #expect(statistics.packetsLost == 1)
        #expect(statistics.clockRate == 0)
        #expect(statistics.jitter == 0)
    }

    @Test("hostile timestamps and arrivals never trap")
    func hostileValues() {
        var statistics = ReceptionStatistics()
        let values: [(UInt16, UInt32, Int64)] = [(0, 0, Int64.max), (1, UInt32.max, Int64.min), (40000, 0x8000_0000, 0),
                                                 (40001, 0, Int64.max), (2, 12345, -5)]
        for (sequence, timestamp, arrival) in values {
            statistics.record(sequence: SequenceNumber(sequence), timestamp: timestamp, arrival: arrival, clockRate: UInt32.max)
        }
        #expect(statistics.received >= 1)
    }
}
