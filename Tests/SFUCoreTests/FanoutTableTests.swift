import RTCWire
import SDP
import Testing

@testable import SFUCore

@Suite("FanoutTable: producers and consumers of one worker")
struct FanoutTableTests {
    static func spec(_ producer: UInt64, ssrc: UInt32, paused: Bool = false, worker: Int = 0) throws -> ConsumerSpec {
        let map = try PayloadTypeMap([
            PayloadTypeMap.Entry(inputPayloadType: PayloadType(truncating: 111),
                                 mapping: PayloadTypeMap.Mapping(outputPayloadType: PayloadType(truncating: 100), clockRate: 48_000, codec: .other))
        ])
        return ConsumerSpec(
            producer: ProducerID(rawValue: producer), producerWorker: worker, isVideo: false, ssrc: SSRC(ssrc), payloadTypes: map,
            extensionIDs: RTPExtensionIDMap(), paused: paused, initialSequence: SequenceNumber(1000), initialTimestamp: 5000)
    }

    @Test("a publish transport's sections map to their producers, and go with the transport")
    func producers() {
        var table = FanoutTable()
        let audio = ProducerID(rawValue: 7)
        let video = ProducerID(rawValue: 8)
        table.setProducers([audio, nil, video], transportSlot: 3)
        #expect(table.producer(transportSlot: 3, section: 0) == audio)
        #expect(table.producer(transportSlot: 3, section: 1) == nil)
        #expect(table.producer(transportSlot: 3, section: 2) == video)
        #expect(table.producer(transportSlot: 3, section: 3) == nil)
        #expect(table.producer(transportSlot: 4, section: 0) == nil)

        table.setRemoteWorkers([1, 2], of: video)
        table.setProducers([video], transportSlot: 3)
        #expect(table.producer(audio) == nil)
        #expect(table.producer(video)?.remoteWorkers == [1, 2], "a kept producer keeps its remote workers")

        table.removeTransport(3)
        #expect(table.producer(video) == nil)
        #expect(table.producer(transportSlot: 3, section: 0) == nil)
    }

    @Test("consumers are created, kept, paused and removed by the transport's full set")
    func consumers() throws {
        var table = FanoutTable()
        table.setConsumers([try Self.spec(1, ssrc: 11), try Self.spec(2, ssrc: 12)], transportSlot: 5)
        table.setConsumers([try Self.spec(1, ssrc: 21)], transportSlot: 6)
        #expect(table.consumers(of: ProducerID(rawValue: 1)).count == 2)
        #expect(table.consumers(ofTransport: 5).count == 2)
        let first = try #require(table.feedbackRouter(transportSlot: 5)?.consumer(for: SSRC(11)).map { Int($0) })
        #expect(table.consumers[first]?.producer == ProducerID(rawValue: 1))
        #expect(table.feedbackRouter(transportSlot: 6)?.consumer(for: SSRC(11)).map { Int($0) } == nil, "SSRCs are per transport")

        // The same set again, paused and with the producer moved: the consumer stays (same slot).
        table.setConsumers([try Self.spec(1, ssrc: 11, paused: true, worker: 1), try Self.spec(2, ssrc: 12)], transportSlot: 5)
        #expect(table.feedbackRouter(transportSlot: 5)?.consumer(for: SSRC(11)).map { Int($0) } == first)
        #expect(table.consumers[first]?.rewriter.isPaused == true)
        #expect(table.consumers[first]?.producerWorker == 1)

        // Dropping producer 2 removes only that consumer; its slot is reused.
        table.setConsumers([try Self.spec(1, ssrc: 11)], transportSlot: 5)
        #expect(table.consumers(of: ProducerID(rawValue: 2)).isEmpty)
        #expect(table.feedbackRouter(transportSlot: 5)?.consumer(for: SSRC(12)).map { Int($0) } == nil)
        #expect(table.consumers[first]?.rewriter.isPaused == false)
        table.setConsumers([try Self.spec(3, ssrc: 13)], transportSlot: 7)
        #expect(table.consumers.count == 3, "the freed slot was reused")

        table.removeTransport(5)
        #expect(table.consumers(of: ProducerID(rawValue: 1)) == [try #require(table.feedbackRouter(transportSlot: 6)?.consumer(for: SSRC(21)).map { Int($0) })])
        #expect(table.consumers(ofTransport: 5).isEmpty)
    }
}
