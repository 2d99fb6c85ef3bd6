import RTCWire
import SFUCore
import Testing

/// `RTPStreamRewriter` across re-anchors: pause and resume, input SSRC changes, late packets of
/// a replaced run, and video waiting for key frames.
@Suite("RTPStreamRewriter: pauses, source switches and key frames")
struct ForwardingRewriterAnchorTests {
    static let start: Int64 = 10_000_000_000
    static let millisecond: Int64 = 1_000_000
    static let sourceA: UInt32 = 0x1111_1111
    static let sourceB: UInt32 = 0x2222_2222

    static func rewriter(video: Bool, payloadTypes: PayloadTypeMap? = nil) throws -> RTPStreamRewriter {
        RTPStreamRewriter(outputSSRC: SSRC(0xABCD_0001), payloadTypes: try payloadTypes ?? ForwardingTest.payloadTypes(),
                          extensionIDs: RTPExtensionIDMap(), isVideo: video, initialSequence: SequenceNumber(1000),
                          initialTimestamp: 50_000)
    }

    static func audio(_ ssrc: UInt32, _ sequence: UInt16, _ timestamp: UInt32 = 0) -> ForwardingTest.Packet {
        ForwardingTest.Packet(ssrc: ssrc, sequence: sequence, timestamp: timestamp)
    }

    static func video(_ ssrc: UInt32, _ sequence: UInt16, _ timestamp: UInt32, _ payload: [UInt8],
                      payloadType: PayloadType = ForwardingTest.vp8) -> ForwardingTest.Packet {
        ForwardingTest.Packet(ssrc: ssrc, sequence: sequence, timestamp: timestamp, payloadType: payloadType, payload: payload)
    }

    static func at(_ milliseconds: Int64) -> Int64 { start + milliseconds * millisecond }

    @Test("After a pause the output continues at the next number, its timestamp advanced by the time paused")
    func pauseAndResume() throws {
        var rewriter = try Self.rewriter(video: false)
        #expect(try rewriter.offer(Self.audio(Self.sourceA, 100, 1000), now: Self.at(0)).sequence == 1000)
        #expect(try rewriter.offer(Self.audio(Self.sourceA, 101, 1960), now: Self.at(20)).timestamp == 50_960)
        rewriter.pause()
        rewriter.pause()
        #expect(rewriter.isPaused)
        for sequence in UInt16(102)...110 {
            let result = try rewriter.offer(Self.audio(Self.sourceA, sequence, 1960 + 960 * UInt32(sequence - 101)),
                                            now: Self.at(20 * Int64(sequence - 100)))
            #expect(result.outcome == .drop(.paused))
        }
        #expect(!rewriter.needsKeyFrame)
        rewriter.resume()
        let resumed = try rewriter.offer(Self.audio(Self.sourceA, 150, 60_000), now: Self.at(1020))
        #expect(resumed.outcome == .forward)
        #expect(resumed.sequence == 1002)
        #expect(resumed.timestamp == 50_960 + 48_000)     // one second at 48 kHz after the last packet
        let next = try rewriter.offer(Self.audio(Self.sourceA, 151, 60_960), now: Self.at(1040))
        #expect(next.sequence == 1003)
        #expect(next.timestamp == 99_920)
        // Older than the packet the output resumed on.
        #expect(try rewriter.outcome(of: Self.audio(Self.sourceA, 149), now: Self.at(1040)) == .drop(.duplicateOrOld))
        rewriter.resume()
        #expect(try rewriter.offer(Self.audio(Self.sourceA, 152, 61_920), now: Self.at(1060)).sequence == 1004)
        #expect(rewriter.counters.droppedPaused == 9)
        #expect(rewriter.counters.reanchors == 2)
    }

    @Test("A new input SSRC continues the numbering, its timestamp advanced by the time elapsed; stragglers of the old one are dropped")
    func sourceSwitch() throws {
        var rewriter = try Self.rewriter(video: false)
        _ = try rewriter.offer(Self.audio(Self.sourceA, 100, 1000), now: Self.at(0))
        _ = try rewriter.offer(Self.audio(Self.sourceA, 101, 1960), now: Self.at(20))
        let switched = try rewriter.offer(Self.audio(Self.sourceB, 7000, 555_555), now: Self.at(45))
        #expect(switched.outcome == .forward)
        #expect(switched.sequence == 1002)
        #expect(switched.timestamp == 50_960 + 1200)      // 25 ms at 48 kHz
        let next = try rewriter.offer(Self.audio(Self.sourceB, 7001, 556_515), now: Self.at(65))
        #expect(next.sequence == 1003)
        #expect(next.timestamp == 53_120)
        for sequence: UInt16 in [101, 99, 100] {
            #expect(try rewriter.outcome(of: Self.audio(Self.sourceA, sequence), now: Self.at(70)) == .drop(.duplicateOrOld))
        }
        let continued = try rewriter.offer(Self.audio(Self.sourceB, 7002, 557_475), now: Self.at(85))
        #expect(continued.sequence == 1004)
        #expect(continued.timestamp == 54_080)
        #expect(rewriter.counters.reanchors == 2)

        // A new packet of the old SSRC is a switch back, not a straggler.
        let back = try rewriter.offer(Self.audio(Self.sourceA, 102, 2920), now: Self.at(105))
        #expect(back.outcome == .forward)
        #expect(back.sequence == 1005)
        #expect(back.timestamp == 54_080 + 960)
        #expect(rewriter.counters.reanchors == 3)
    }

    @Test("Late packets of a replaced SSRC are recognized for one second only")
    func stragglerWindow() throws {
        var rewriter = try Self.rewriter(video: false)
        _ = try rewriter.offer(Self.audio(Self.sourceA, 100, 1000), now: Self.at(0))
        #expect(try rewriter.offer(Self.audio(Self.sourceB, 500, 7), now: Self.at(20)).timestamp == 50_960)
        #expect(try rewriter.outcome(of: Self.audio(Self.sourceA, 100), now: Self.at(1019)) == .drop(.duplicateOrOld))
        let reanchored = try rewriter.offer(Self.audio(Self.sourceA, 100, 1000), now: Self.at(1020))
        #expect(reanchored.outcome == .forward)
        #expect(reanchored.sequence == 1002)
        #expect(reanchored.timestamp == 50_960 + 48_000)
    }

    @Test("Video waits for a VP8 key frame at start, after a source switch and after resume; needsKeyFrame says so")
    func vp8Gating() throws {
        var rewriter = try Self.rewriter(video: true)
        #expect(rewriter.needsKeyFrame)
        #expect(try rewriter.outcome(of: Self.video(Self.sourceA, 10, 3000, ForwardingTest.vp8DeltaFrame), now: Self.at(0))
            == .drop(.waitingForKeyFrame))
        #expect(try rewriter.outcome(of: Self.video(Self.sourceA, 11, 3000, ForwardingTest.vp8Continuation), now: Self.at(0))
            == .drop(.waitingForKeyFrame))
        #expect(rewriter.needsKeyFrame)
        let key = try rewriter.offer(Self.video(Self.sourceA, 12, 6000, ForwardingTest.vp8KeyFrame), now: Self.at(33))
        #expect(key.outcome == .forward)
        #expect(key.sequence == 1000)
        #expect(key.timestamp == 50_000)
        #expect(key.payloadType == 120)
        #expect(!rewriter.needsKeyFrame)
        #expect(try rewriter.offer(Self.video(Self.sourceA, 13, 6000, ForwardingTest.vp8Continuation), now: Self.at(33)).sequence == 1001)
        let delta = try rewriter.offer(Self.video(Self.sourceA, 14, 9000, ForwardingTest.vp8DeltaFrame), now: Self.at(66))
        #expect(delta.sequence == 1002)
        #expect(delta.timestamp == 53_000)
        #expect(try rewriter.outcome(of: Self.video(Self.sourceA, 11, 3000, ForwardingTest.vp8Continuation), now: Self.at(70))
            == .drop(.duplicateOrOld))

        // The publisher restarts with a new SSRC: wait for its key frame.
        #expect(try rewriter.outcome(of: Self.video(Self.sourceB, 300, 777, ForwardingTest.vp8DeltaFrame), now: Self.at(100))
            == .drop(.waitingForKeyFrame))
        #expect(rewriter.needsKeyFrame)
        let rtx = Self.video(0x3333_3333, 1, 777, [0x00, 0x0E] + ForwardingTest.vp8KeyFrame, payloadType: ForwardingTest.vp8RTX)
        #expect(try rewriter.outcome(of: rtx, now: Self.at(110)) == .drop(.retransmission))
        // A late packet of the old SSRC is dropped as such; a new one waits like any other.
        #expect(try rewriter.outcome(of: Self.video(Self.sourceA, 13, 6000, ForwardingTest.vp8Continuation), now: Self.at(120))
            == .drop(.duplicateOrOld))
        #expect(try rewriter.outcome(of: Self.video(Self.sourceA, 15, 9000, ForwardingTest.vp8Continuation), now: Self.at(120))
            == .drop(.waitingForKeyFrame))
        let switched = try rewriter.offer(Self.video(Self.sourceB, 301, 3777, ForwardingTest.vp8KeyFrame), now: Self.at(133))
        #expect(switched.outcome == .forward)
        #expect(switched.sequence == 1003)
        #expect(switched.timestamp == 53_000 + 6030)      // 67 ms at 90 kHz since packet 14
        #expect(!rewriter.needsKeyFrame)

        rewriter.pause()
        #expect(!rewriter.needsKeyFrame)
        rewriter.resume()
        #expect(rewriter.needsKeyFrame)
        #expect(try rewriter.outcome(of: Self.video(Self.sourceB, 302, 6777, ForwardingTest.vp8DeltaFrame), now: Self.at(166))
            == .drop(.waitingForKeyFrame))
        #expect(try rewriter.offer(Self.video(Self.sourceB, 303, 9777, ForwardingTest.vp8KeyFrame), now: Self.at(200)).sequence == 1004)
        #expect(rewriter.counters.droppedWaitingForKeyFrame == 5)
    }

    @Test("H.264 waits for an IDR or SPS: FU-A start, STAP-A; later fragments follow")
    func h264Gating() throws {
        var rewriter = try Self.rewriter(video: true)
        func offer(_ sequence: UInt16, _ payload: [UInt8]) throws -> ForwardingTest.Result {
            try rewriter.offer(Self.video(Self.sourceA, sequence, 90_000, payload, payloadType: ForwardingTest.h264), now: Self.at(0))
        }
        #expect(try offer(1, [0x7C, 0x05, 0x11]).outcome == .drop(.waitingForKeyFrame))      // FU-A middle of an IDR
        #expect(try offer(2, [0x41, 0x9A, 0x22]).outcome == .drop(.waitingForKeyFrame))      // non-IDR slice
        let parameters = try offer(3, [0x78, 0x00, 0x04, 0x67, 0x42, 0xC0, 0x1F, 0x00, 0x02, 0x68, 0xCE])
        #expect(parameters.outcome == .forward)
        #expect(parameters.sequence == 1000)
        #expect(parameters.payloadType == 122)
        #expect(try offer(4, [0x7C, 0x85, 0x88]).sequence == 1001)
        #expect(try offer(5, [0x7C, 0x45, 0x99]).sequence == 1002)
    }

    @Test("A video payload type without key frame detection is forwarded at once")
    func undetectableVideoCodec() throws {
        let map = try PayloadTypeMap([.init(inputPayloadType: PayloadType(truncating: 100),
                                            mapping: .init(outputPayloadType: PayloadType(truncating: 100),
                                                           clockRate: 90_000, codec: .other))])
        var rewriter = try Self.rewriter(video: true, payloadTypes: map)
        #expect(rewriter.needsKeyFrame)
        let first = try rewriter.offer(Self.video(Self.sourceA, 1, 0, [0x01, 0x02], payloadType: PayloadType(truncating: 100)),
                                       now: Self.at(0))
        #expect(first.outcome == .forward)
        #expect(!rewriter.needsKeyFrame)
    }

    @Test("A switch with no time elapsed still moves the timestamp by one tick")
    func switchWithoutElapsedTime() throws {
        var rewriter = try Self.rewriter(video: true)
        #expect(try rewriter.offer(Self.video(Self.sourceA, 1, 0, ForwardingTest.vp8KeyFrame), now: Self.at(0)).timestamp == 50_000)
        let switched = try rewriter.offer(Self.video(Self.sourceB, 9, 123_456, ForwardingTest.vp8KeyFrame), now: Self.at(0))
        #expect(switched.sequence == 1001)
        #expect(switched.timestamp == 50_001)
    }
}
