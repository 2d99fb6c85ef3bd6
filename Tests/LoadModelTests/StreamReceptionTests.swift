import Foundation
import LoadModel
import TestSupport
import Testing

/// Reception of one probe stream, checked against hand-computed counts and, for the sliding
/// window, against a model that remembers every sequence number.
@Suite("StreamReception: uniqueness, duplicates, reordering, stragglers, jitter")
struct StreamReceptionTests {
    static let stream = ProbeStreamID(rawValue: 3)

    /// Receives `sequences` in order; probe k is sent at k·20 ms and arrives 5 ms later.
    static func receive(_ sequences: [UInt64]) -> StreamReception {
        var reception = StreamReception(stream: stream)
        var delays = DelayHistogram()
        for sequence in sequences {
            let sentAt = Int64(sequence) * 20_000_000
            reception.record(ProbeTrailer(stream: stream, sequence: sequence, sentAt: sentAt),
                             receivedAt: sentAt + 5_000_000, delays: &delays)
        }
        return reception
    }

    @Test func inOrder() {
        let reception = Self.receive(Array(0..<100))
        #expect(reception.uniquePackets == 100)
        #expect(reception.duplicates == 0)
        #expect(reception.reordered == 0)
        #expect(reception.tooLate == 0)
        #expect(reception.firstSequence == 0)
        #expect(reception.highestSequence == 99)
        #expect(reception.firstReceivedAt == 5_000_000)
    }

    @Test func gapsAreNeitherUniqueNorReordered() {
        let reception = Self.receive([4, 5, 6, 9, 10, 70, 200])
        #expect(reception.uniquePackets == 7)
        #expect(reception.reordered == 0)
        #expect(reception.firstSequence == 4)
        #expect(reception.highestSequence == 200)
    }

    @Test func lateArrivalsInsideTheWindowFillTheirHoles() {
        let reception = Self.receive([0, 2, 1, 3, 7, 5, 6, 4])
        #expect(reception.uniquePackets == 8)
        #expect(reception.reordered == 4)
        #expect(reception.duplicates == 0)
    }

    @Test func duplicatesInsideTheWindowAreCountedOnce() {
        let reception = Self.receive([0, 1, 2, 1, 2, 2, 0, 100, 0 + 100 - 1, 99])
        #expect(reception.uniquePackets == 5)
        #expect(reception.duplicates == 5)
        #expect(reception.reordered == 1)
    }

    @Test func theWindowEdge() {
        let high = StreamReception.window + 10
        // Age window - 1 is still inside, age window is a straggler.
        let inside = Self.receive([0, 10, high, high - (StreamReception.window - 1)])
        #expect(inside.uniquePackets == 4)
        #expect(inside.tooLate == 0)
        let outside = Self.receive([0, 10, high, high - StreamReception.window])
        #expect(outside.uniquePackets == 3)
        #expect(outside.tooLate == 1)
    }

    @Test func stragglersOlderThanTheWindowAreCountedButNeverUnique() {
        var sequences = Array(UInt64(0)..<2000).filter { $0 != 5 }
        sequences += [5, 5, 6] // the missing one, twice, and one already received
        let reception = Self.receive(sequences)
        #expect(reception.uniquePackets == 1999)
        #expect(reception.tooLate == 3)
        #expect(reception.reordered == 3)
        #expect(reception.duplicates == 0)
    }

    @Test func numbersBelowTheFirstAreStragglers() {
        let reception = Self.receive([10, 11, 5])
        #expect(reception.uniquePackets == 2)
        #expect(reception.tooLate == 1)
        #expect(reception.firstSequence == 10)
    }

    @Test func aJumpLargerThanTheWindowForgetsEverythingBelowIt() {
        let reception = Self.receive([0, 1, 2, 5000, 5000 - 1023, 5000 - 1, 1, 5000, 4000])
        #expect(reception.uniquePackets == 7)
        #expect(reception.duplicates == 1)
        #expect(reception.tooLate == 1)
        #expect(reception.highestSequence == 5000)
    }

    /// Random arrivals (steps forward of every size that matters for the 64-bit words of the
    /// window, and steps back) against a model keeping a set of every number seen.
    @Test func matchesAModelWithPerfectMemory() {
        var random = SplitMix64(seed: 99)
        var sequences: [UInt64] = []
        var position: UInt64 = 100
        let steps: [UInt64] = [1, 1, 1, 2, 3, 63, 64, 65, 127, 128, 129, 500, 1023, 1024, 1025, 3000]
        for _ in 0..<20_000 {
            if Bool.random(using: &random) {
                position += steps.randomElement(using: &random)!
                sequences.append(position)
            } else {
                let back = UInt64.random(in: 0...1200, using: &random)
                sequences.append(position >= back ? position - back : 0)
            }
        }
        let reception = Self.receive(sequences)

        var seen: Set<UInt64> = []
        var first: UInt64?, highest: UInt64 = 0
        var unique: UInt64 = 0, duplicates: UInt64 = 0, late: UInt64 = 0
        for sequence in sequences {
            guard let start = first else {
                first = sequence; highest = sequence; unique = 1; seen.insert(sequence)
                continue
            }
            if sequence > highest {
                highest = sequence; unique += 1; seen.insert(sequence)
            } else if highest - sequence >= StreamReception.window || sequence < start {
                late += 1
            } else if seen.contains(sequence) {
                duplicates += 1
            } else {
                unique += 1; seen.insert(sequence)
            }
        }
        #expect(reception.uniquePackets == unique)
        #expect(reception.duplicates == duplicates)
        #expect(reception.tooLate == late)
        #expect(reception.highestSequence == highest)
    }

    @Test func aConstantDelayHasNoJitter() {
        let reception = Self.receive(Array(0..<500))
        #expect(reception.jitterNanoseconds == 0)
    }

    /// Transit times alternating 5 ms and 7 ms: every |D| is 2 ms, so RFC 3550's estimator
    /// after n packets is 2 ms · (1 − (15/16)^(n−1)), converging to 2 ms.
    @Test func alternatingDelaysConvergeToTheRFC3550Value() {
        var reception = StreamReception(stream: Self.stream)
        var delays = DelayHistogram()
        for n in 1...300 {
            let sentAt = Int64(n) * 20_000_000
            let delay: Int64 = n % 2 == 0 ? 5_000_000 : 7_000_000
            reception.record(ProbeTrailer(stream: Self.stream, sequence: UInt64(n), sentAt: sentAt),
                             receivedAt: sentAt + delay, delays: &delays)
            let expected = 2_000_000 * (1 - pow(15.0 / 16.0, Double(n - 1)))
            #expect(abs(reception.jitterNanoseconds - expected) < 1e-3, "after \(n) packets")
        }
        #expect(abs(reception.jitterNanoseconds - 2_000_000) < 1)
        #expect(delays.count == 300)
        #expect(delays.maximumNanoseconds == 7_000_000)
    }

    @Test func hostileSendTimesDoNotTrap() {
        var reception = StreamReception(stream: Self.stream)
        var delays = DelayHistogram()
        for (sequence, sentAt) in [(UInt64(0), Int64.min), (1, .max), (2, 0), (3, .min), (UInt64.max, -1)] {
            reception.record(ProbeTrailer(stream: Self.stream, sequence: sequence, sentAt: sentAt),
                             receivedAt: 1_000_000_000, delays: &delays)
        }
        #expect(delays.count == 5)
        #expect(reception.jitterNanoseconds.isFinite)
        #expect(reception.uniquePackets == 5)
    }
}
