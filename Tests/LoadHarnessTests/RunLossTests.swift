import LoadHarness
import LoadModel
import Testing

@Suite struct RunLossTests {
    static func reception(_ stream: UInt32, transport: Int, sequences: [UInt64]) -> ReceptionRecord {
        var reception = StreamReception(stream: ProbeStreamID(rawValue: stream))
        var delays = DelayHistogram()
        for sequence in sequences {
            reception.record(ProbeTrailer(stream: ProbeStreamID(rawValue: stream), sequence: sequence, sentAt: 0),
                             receivedAt: 1000, delays: &delays)
        }
        return ReceptionRecord(transport: transport, reception: reception)
    }

    @Test func aSimulcastLayerCountsOnlyTheSpanTheReceiverWasOnIt() {
        let senders = [SenderRecord(stream: ProbeStreamID(rawValue: 2), packetsSent: 100, packetsDropped: 0),
                       SenderRecord(stream: ProbeStreamID(rawValue: 3), packetsSent: 100, packetsDropped: 0),
                       SenderRecord(stream: ProbeStreamID(rawValue: 1), packetsSent: 50, packetsDropped: 0)]
        // The receiver was on layer 3 for probes 0...19 (one lost), then on layer 2 from 40 to the end.
        let receptions = [
            Self.reception(3, transport: 7, sequences: Array(0...19).filter { $0 != 12 }),
            Self.reception(2, transport: 7, sequences: Array(40...99)),
            Self.reception(1, transport: 7, sequences: Array(10...49)),
        ]
        let layers: Set = [ProbeStreamID(rawValue: 2), ProbeStreamID(rawValue: 3)]
        let loss = RunLoss.summary(receptions: receptions, senders: senders, simulcastLayers: layers)
        #expect(loss.expected == 20 + 60 + 40)
        #expect(loss.lost == 1)
        let naive = RunLoss.summary(receptions: receptions, senders: senders, simulcastLayers: [])
        #expect(naive.lost == 81, "without simulcast, layer 3's probes 20...99 count as lost")
    }
}
