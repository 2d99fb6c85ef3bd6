import LoadHarness
import LoadModel
import Testing

@Suite struct JoinRecordTests {
    static let ms: Int64 = 1_000_000
    static let timeout: Int64 = 10_000 * ms

    static func transports(_ list: TransportProgress...) -> [Int: TransportProgress] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.transport, $0) })
    }

    @Test func aPublisherThatAlsoReceivesIsTimedFromItsSubscribeStep() {
        let record = JoinRecord(participant: "r0-p1", startedAt: 0, publishTransport: 3, receiveTransport: 9,
                                receiveStartedAt: 400 * Self.ms)
        let progress = Self.transports(
            TransportProgress(transport: 3, phase: .connected, firstMediaSentAt: 200 * Self.ms),
            TransportProgress(transport: 9, phase: .connected, firstMediaReceivedAt: 650 * Self.ms))
        #expect(record.outcome(transports: progress, connectTimeoutNanoseconds: Self.timeout) == .joined(nanoseconds: 250 * Self.ms))
    }

    @Test func aFailedTransportIsAFailedJoinWithItsReason() {
        let record = JoinRecord(participant: "r0-s0", startedAt: 0, receiveTransport: 1)
        let progress = Self.transports(TransportProgress(transport: 1, phase: .failed("DTLS: bad fingerprint")))
        #expect(record.outcome(transports: progress, connectTimeoutNanoseconds: Self.timeout)
            == .failed("receive transport failed: DTLS: bad fingerprint"))
    }

    @Test func noMediaOrLateMediaIsAFailedJoin() {
        let record = JoinRecord(participant: "r0-s0", startedAt: 0, receiveTransport: 1)
        let silent = Self.transports(TransportProgress(transport: 1, phase: .connected))
        #expect(record.outcome(transports: silent, connectTimeoutNanoseconds: Self.timeout)
            == .failed("no media received within the connect timeout (10 s)"))
        let late = Self.transports(TransportProgress(transport: 1, phase: .connected, firstMediaReceivedAt: 12_500 * Self.ms))
        #expect(record.outcome(transports: late, connectTimeoutNanoseconds: Self.timeout)
            == .failed("first media received after 12.5 s, beyond the connect timeout (10 s)"))
    }

    @Test func aSignallingErrorWinsOverEverything() {
        let record = JoinRecord(participant: "r0-p0", startedAt: 0, publishTransport: 0, error: "publish: refused (400)")
        let progress = Self.transports(TransportProgress(transport: 0, phase: .connected, firstMediaSentAt: 1))
        #expect(record.outcome(transports: progress, connectTimeoutNanoseconds: Self.timeout) == .failed("publish: refused (400)"))
    }
}
