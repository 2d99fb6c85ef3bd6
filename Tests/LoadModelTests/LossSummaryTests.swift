import LoadModel
import Testing

@Suite("LossSummary: what each receiver should have got, from its first probe on")
struct LossSummaryTests {
    static let audio = ProbeStreamID(rawValue: 1)
    static let video = ProbeStreamID(rawValue: 2)

    static func reception(_ stream: ProbeStreamID, _ sequences: [UInt64]) -> StreamReception {
        var reception = StreamReception(stream: stream)
        var delays = DelayHistogram()
        for sequence in sequences {
            reception.record(ProbeTrailer(stream: stream, sequence: sequence, sentAt: 0), receivedAt: 1, delays: &delays)
        }
        return reception
    }

    @Test func expectedRunsFromTheFirstSeenToWhatWasSent() {
        let missing: Set<UInt64> = [20, 21, 50, 77, 98]
        let received = Array(UInt64(10)..<100).filter { !missing.contains($0) }
        let summary = LossSummary(
            receptions: [ReceptionRecord(transport: 4, reception: Self.reception(Self.audio, received))],
            senders: [SenderRecord(stream: Self.audio, packetsSent: 100, packetsDropped: 7)])
        #expect(summary.expected == 90)
        #expect(summary.received == 85)
        #expect(summary.lost == 5)
        #expect(summary.lossRatio == 5.0 / 90.0)
    }

    @Test func theTailAfterTheLastArrivalIsLost() {
        let summary = LossSummary(
            receptions: [ReceptionRecord(transport: 1, reception: Self.reception(Self.audio, Array(0..<60)))],
            senders: [SenderRecord(stream: Self.audio, packetsSent: 100, packetsDropped: 0)])
        #expect(summary.expected == 100)
        #expect(summary.lost == 40)
    }

    @Test func aLateJoinerIsOnlyAccountableFromItsFirstProbe() {
        let early = ReceptionRecord(transport: 1, reception: Self.reception(Self.video, Array(0..<1000)))
        let late = ReceptionRecord(transport: 2, reception: Self.reception(Self.video, Array(500..<1000)))
        let summary = LossSummary(receptions: [early, late],
                                  senders: [SenderRecord(stream: Self.video, packetsSent: 1000, packetsDropped: 0)])
        #expect(summary.expected == 1500)
        #expect(summary.received == 1500)
        #expect(summary.lost == 0)
        #expect(summary.lossRatio == 0)
    }

    @Test func streamsWithoutASenderRecordAndSilentReceiversAreIgnored() {
        let unknown = ReceptionRecord(transport: 1, reception: Self.reception(ProbeStreamID(rawValue: 99), Array(0..<10)))
        let silent = ReceptionRecord(transport: 2, reception: StreamReception(stream: Self.audio))
        let summary = LossSummary(receptions: [unknown, silent],
                                  senders: [SenderRecord(stream: Self.audio, packetsSent: 50, packetsDropped: 0)])
        #expect(summary == LossSummary())
        #expect(summary.lossRatio == 0)
    }

    @Test func streamsAndReceiversAddUpWithDuplicatesAndReordering() {
        let audio = ReceptionRecord(transport: 1, reception: Self.reception(Self.audio, [0, 1, 1, 3, 2, 4]))
        let video = ReceptionRecord(transport: 1, reception: Self.reception(Self.video, [0, 2, 2, 2]))
        let summary = LossSummary(receptions: [audio, video],
                                  senders: [SenderRecord(stream: Self.audio, packetsSent: 5, packetsDropped: 0),
                                            SenderRecord(stream: Self.video, packetsSent: 4, packetsDropped: 1)])
        #expect(summary.expected == 9)
        #expect(summary.received == 7)
        #expect(summary.lost == 2)
        #expect(summary.duplicates == 3)
        #expect(summary.reordered == 1)
    }

    @Test func receptionAheadOfAStaleSenderRecordNeverGoesNegative() {
        let ahead = ReceptionRecord(transport: 1, reception: Self.reception(Self.audio, Array(0..<120)))
        let beyond = ReceptionRecord(transport: 2, reception: Self.reception(Self.audio, [150, 151]))
        let summary = LossSummary(receptions: [ahead, beyond],
                                  senders: [SenderRecord(stream: Self.audio, packetsSent: 100, packetsDropped: 0)])
        #expect(summary.expected == 100)
        #expect(summary.received == 100)
        #expect(summary.lost == 0)
    }
}
