import LoadModel
import Testing

@Suite("AudioSource and AudioPayload: Opus-sized packets on a drift-free schedule")
struct AudioSourceTests {
    @Test func fiftyPacketsASecondTwentyMillisecondsApartWithTimestampsNineHundredSixtyApart() {
        var source = AudioSource(profile: .opus, clockRate: 48_000, seed: 1)
        source.start(now: 1_000)
        var packets: [MediaPacket] = []
        for k in 0..<500 {
            #expect(source.nextSendAt == 1_000 + Int64(k) * 20_000_000)
            packets.append(source.nextPacket())
        }
        #expect(source.nextSendAt == 1_000 + 10_000_000_000)
        let steps = zip(packets.dropFirst(), packets).map { $0.rtpTimestamp &- $1.rtpTimestamp }
        #expect(steps.allSatisfy { $0 == 960 })
        #expect(packets.first?.marker == true)
        #expect(packets.dropFirst().allSatisfy { !$0.marker })
    }

    /// 1/3 s does not divide into nanoseconds: packet k must still be due at exactly k·10⁹/3.
    @Test func aRateThatDoesNotDivideASecondDoesNotDrift() {
        var source = AudioSource(profile: AudioProfile(packetsPerSecond: 3, minimumPayloadBytes: 30, maximumPayloadBytes: 30),
                                 clockRate: 8_000, seed: 1)
        source.start(now: 0)
        var first: UInt32 = 0
        for k in 0..<3_000 {
            let packet = source.nextPacket()
            if k == 0 { first = packet.rtpTimestamp }
            if k == 2_999 { #expect(packet.rtpTimestamp &- first == 7_997_333) } // ⌊2999·8000/3⌋
        }
        #expect(source.nextSendAt == 1_000_000_000_000)
    }

    @Test func payloadSizesCoverTheProfileRangeAndFollowTheSeed() {
        func lengths(seed: UInt64) -> [Int] {
            var source = AudioSource(profile: .opus, clockRate: 48_000, seed: seed)
            source.start(now: 0)
            return (0..<10_000).map { _ in source.nextPacket().payloadLength }
        }
        let sizes = lengths(seed: 5)
        #expect(sizes.allSatisfy { (80...160).contains($0) })
        #expect(sizes.min() == 80)
        #expect(sizes.max() == 160)
        let mean = Double(sizes.reduce(0, +)) / Double(sizes.count)
        #expect(abs(mean - 120) < 1.5)
        #expect(lengths(seed: 5) == sizes)
        #expect(lengths(seed: 6) != sizes)
    }

    @Test func restartingBeginsANewScheduleWithAMarker() {
        var source = AudioSource(profile: .opus, clockRate: 48_000, seed: 2)
        source.start(now: 0)
        let first = source.nextPacket()
        _ = source.nextPacket()
        source.start(now: 5_000)
        #expect(source.nextSendAt == 5_000)
        let again = source.nextPacket()
        #expect(again.marker)
        #expect(again.rtpTimestamp == first.rtpTimestamp)
        #expect(source.nextSendAt == 5_000 + 20_000_000)
    }

    @Test func nonsenseProfilesAreClampedNotTrapped() {
        var source = AudioSource(profile: AudioProfile(packetsPerSecond: 0, minimumPayloadBytes: -5, maximumPayloadBytes: -9),
                                 clockRate: 0, seed: 0)
        source.start(now: .max - 10)
        let packet = source.nextPacket()
        #expect(packet.payloadLength == AudioPayload.minimumByteCount)
        #expect(source.packetsPerSecond == 1)
    }

    @Test func theAudioPayloadIsATableOfContentsByteAndFillerBeforeTheTrailer() {
        var bytes = [UInt8](repeating: 0xAA, count: 100)
        bytes.withUnsafeMutableBytes { AudioPayload.write(into: $0) }
        #expect(bytes[0] == 0x78) // Opus config 15, mono, one frame
        #expect(bytes[1..<76].allSatisfy { $0 == 0 })
        #expect(bytes[76...].allSatisfy { $0 == 0xAA })
        for count in 0...25 {
            var short = [UInt8](repeating: 0xAA, count: count)
            short.withUnsafeMutableBytes { AudioPayload.write(into: $0) }
            #expect(short.filter { $0 != 0xAA }.count == (count == 25 ? 1 : 0))
        }
    }
}

@Suite("InjectedLoss: seeded, clamped drop decisions")
struct InjectedLossTests {
    @Test func theRatioHoldsAndTheSeedDecides() {
        func decisions(_ ratio: Double, seed: UInt64) -> [Bool] {
            var loss = InjectedLoss(ratio: ratio, seed: seed)
            return (0..<100_000).map { _ in loss.dropsNext() }
        }
        let tenth = decisions(0.1, seed: 3)
        let dropped = tenth.filter { $0 }.count
        #expect((9_500...10_500).contains(dropped))
        #expect(decisions(0.1, seed: 3) == tenth)
        #expect(decisions(0.1, seed: 4) != tenth)
        #expect(!decisions(0, seed: 3).contains(true))
        #expect(!decisions(1, seed: 3).contains(false))
    }

    @Test func outOfRangeRatiosAreClamped() {
        #expect(InjectedLoss(ratio: .nan, seed: 1).ratio == 0)
        #expect(InjectedLoss(ratio: -2, seed: 1).ratio == 0)
        #expect(InjectedLoss(ratio: 7, seed: 1).ratio == 1)
        #expect(InjectedLoss(ratio: .infinity, seed: 1).ratio == 1)
    }
}
