import RTCWire
import SFUCore
import Testing

@Suite("KeyFrameRequestThrottle and KeyFrameRequestWriter")
struct KeyFrameRequestTests {
    static let millisecond: Int64 = 1_000_000
    static let start: Int64 = 5_000_000_000

    /// The throttle's answers at each of `times`, in order.
    static func answers(_ throttle: inout KeyFrameRequestThrottle, at times: [Int64]) -> [Bool] {
        times.map { throttle.shouldRequest(now: $0) }
    }

    @Test("Throttle: the first request passes, then at most one per 300 ms")
    func defaultInterval() {
        var throttle = KeyFrameRequestThrottle()
        #expect(throttle.minimumInterval == 300 * Self.millisecond)
        #expect(throttle.lastRequestAt == nil)
        let ms = Self.millisecond
        let times = [Self.start, Self.start, Self.start + ms, Self.start + 300 * ms - 1, Self.start + 300 * ms]
        #expect(Self.answers(&throttle, at: times) == [true, false, false, false, true])
        #expect(throttle.lastRequestAt == Self.start + 300 * ms)
        // 599 ms is 299 ms after the last request; 700 ms is 400 ms after. A clock going
        // backwards lets nothing through.
        #expect(Self.answers(&throttle, at: [Self.start + 599 * ms, Self.start + 700 * ms, Self.start]) == [false, true, false])
    }

    @Test("Throttle: a configured interval; 0 lets every request through, a negative one counts as 0")
    func configuredInterval() {
        let ms = Self.millisecond
        var slow = KeyFrameRequestThrottle(minimumInterval: 1000 * ms)
        #expect(Self.answers(&slow, at: [0, 999 * ms, 1000 * ms]) == [true, false, true])
        var open = KeyFrameRequestThrottle(minimumInterval: 0)
        #expect(Self.answers(&open, at: [7, 7, 8]) == [true, true, true])
        #expect(KeyFrameRequestThrottle(minimumInterval: -5).minimumInterval == 0)
    }

    static func written(_ writer: inout KeyFrameRequestWriter, _ kind: KeyFrameRequestKind, capacity: Int = 64) -> [UInt8]? {
        var storage = [UInt8](repeating: 0xEE, count: capacity)
        let length = storage.withUnsafeMutableBytes { writer.write(kind, into: $0) }
        return length.map { Array(storage[0..<$0]) }
    }

    @Test("Writer: a PLI names the SFU as sender and the publisher's stream as media source (RFC 4585 §6.3.1)")
    func pictureLoss() throws {
        var writer = KeyFrameRequestWriter(senderSSRC: SSRC(0x1122_3344), mediaSSRC: SSRC(0x5566_7788))
        let bytes = try #require(Self.written(&writer, .pictureLossIndication))
        #expect(bytes == [0x81, 0xCE, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88])
        #expect(Self.written(&writer, .pictureLossIndication, capacity: 11) == nil)
    }

    @Test("Writer: FIRs carry one entry with a command sequence number that grows per request (RFC 5104 §4.3.1)")
    func fullIntraRequest() throws {
        var writer = KeyFrameRequestWriter(senderSSRC: SSRC(0x1122_3344), mediaSSRC: SSRC(0x5566_7788))
        let first = try #require(Self.written(&writer, .fullIntraRequest))
        #expect(first == [0x84, 0xCE, 0x00, 0x04, 0x11, 0x22, 0x33, 0x44, 0x00, 0x00, 0x00, 0x00,
                          0x55, 0x66, 0x77, 0x88, 0x00, 0x00, 0x00, 0x00])
        #expect(writer.nextFullIntraRequestSequence == 1)
        // A write that does not fit spends no sequence number.
        #expect(Self.written(&writer, .fullIntraRequest, capacity: 19) == nil)
        #expect(writer.nextFullIntraRequestSequence == 1)
        let second = try #require(Self.written(&writer, .fullIntraRequest))
        second.withUnsafeBytes { buffer in
            let packets = Array(RTCPCompoundPacket(buffer))
            guard packets.count == 1, case .success(.fullIntraRequest(let fir)) = packets[0] else {
                Issue.record("not one FIR: \(packets)")
                return
            }
            #expect(fir.senderSSRC == SSRC(0x1122_3344))
            #expect(Array(fir.entries) == [FullIntraRequest.Entry(ssrc: SSRC(0x5566_7788), sequenceNumber: 1)])
        }
        // The single-entry writer agrees with the general one.
        var storage = [UInt8](repeating: 0, count: 64)
        let general = storage.withUnsafeMutableBytes {
            FullIntraRequest.write(into: $0, senderSSRC: SSRC(0x1122_3344),
                                   entries: [FullIntraRequest.Entry(ssrc: SSRC(0x5566_7788), sequenceNumber: 1)])
        }
        #expect(general.map { Array(storage[0..<$0]) } == second)

        for _ in 0..<254 { _ = Self.written(&writer, .fullIntraRequest) }
        #expect(writer.nextFullIntraRequestSequence == 0)
    }
}
