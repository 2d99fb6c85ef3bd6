import Testing
import RTCWire

@Suite("RTCP NACK, PLI, FIR and REMB")
struct RTCPFeedbackTests {
    /// Generic NACK (RFC 4585 §6.2.1), RTPFB (205) FMT 1: entries PID 1000 / BLP 0x8005 (bits 0,
    /// 2, 15: 1001, 1003, 1016 lost too) and PID 65535 / BLP 0x0001 (65535 and 0, wrapping).
    /// 12 + 8 = 20 bytes, length 4.
    static let genericNack = RTCPTest.bytes("81 CD 00 04  0A 0B 0C 0D  01 02 03 04  03 E8 80 05  FF FF 00 01")

    /// PLI (RFC 4585 §6.3.1), PSFB (206) FMT 1, no FCI: 12 bytes, length 2.
    static let pictureLoss = RTCPTest.bytes("81 CE 00 02  0A 0B 0C 0D  01 02 03 04")

    /// FIR (RFC 5104 §4.3.1), PSFB FMT 4, media SSRC 0, entries (SSRC, seq, 24 reserved bits):
    /// 12 + 16 = 28 bytes, length 6.
    static let fullIntraRequest = RTCPTest.bytes("""
        84 CE 00 06  0A 0B 0C 0D  00 00 00 00
        11 11 11 11  07 00 00 00   22 22 22 22  FF 00 00 00
        """)

    /// REMB (draft-alvestrand-rmcat-remb-03 §2.2), PSFB FMT 15, "REMB", 2 SSRCs, then 6-bit
    /// exponent 3 and 18-bit mantissa 200000 (0x30D40): 3 << 18 | 0x30D40 = 0x0F0D40.
    /// 1,600,000 bit/s. 20 + 8 = 28 bytes, length 6.
    static let remb = RTCPTest.bytes("""
        8F CE 00 06  01 01 01 01  00 00 00 00  52 45 4D 42  02 0F 0D 40
        AA AA AA AA  BB BB BB BB
        """)

    @Test func genericNackEntriesAndLostSequenceNumbers() {
        RTCPTest.withSinglePacket(Self.genericNack) { packet in
            guard case .genericNack(let nack) = packet else {
                Issue.record("not a generic NACK: \(packet)")
                return
            }
            #expect(nack.senderSSRC == SSRC(0x0A0B_0C0D))
            #expect(nack.mediaSSRC == SSRC(0x0102_0304))
            #expect(Array(nack.entries) == [
                GenericNackEntry(packetID: SequenceNumber(1000), lostBitmask: 0x8005),
                GenericNackEntry(packetID: SequenceNumber(65535), lostBitmask: 0x0001),
            ])
            #expect(nack.lostSequenceNumbers.map(\.rawValue) == [1000, 1001, 1003, 1016, 65535, 0])
        }
    }

    @Test func genericNackBuilderPacksPIDAndBLP() {
        let lost: [UInt16] = [1000, 1001, 1003, 1016, 65535, 0]
        let built = RTCPTest.build {
            GenericNack.write(into: $0, senderSSRC: SSRC(0x0A0B_0C0D), mediaSSRC: SSRC(0x0102_0304),
                              lost: lost.map { SequenceNumber($0) })
        }
        #expect(built == Self.genericNack)
    }

    @Test func genericNackRoundTripsScatteredLosses() {
        // 17 apart starts a new entry; a duplicate and the PID itself add nothing.
        let lost: [UInt16] = [10, 11, 26, 27, 27, 44, 45, 65530, 65535, 3, 9]
        let built = RTCPTest.build {
            GenericNack.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2), lost: lost.map { SequenceNumber($0) })
        }
        RTCPTest.withSinglePacket(built ?? []) { packet in
            guard case .genericNack(let nack) = packet else { return }
            // Entries: 10 {11 = +1, 26 = +16}, 27 (44 is +17), 44 {45 = +1},
            // 65530 {65535 = +5, 3 = +9, 9 = +15}.
            #expect(Array(nack.entries) == [
                GenericNackEntry(packetID: SequenceNumber(10), lostBitmask: 0x8001),
                GenericNackEntry(packetID: SequenceNumber(27), lostBitmask: 0),
                GenericNackEntry(packetID: SequenceNumber(44), lostBitmask: 0x0001),
                GenericNackEntry(packetID: SequenceNumber(65530), lostBitmask: 0x4110),
            ])
            #expect(nack.lostSequenceNumbers.map(\.rawValue) == [10, 11, 26, 27, 44, 45, 65530, 65535, 3, 9])
        }
        #expect(RTCPTest.build { GenericNack.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2), lost: []) } == nil)
    }

    @Test func genericNackWithoutEntriesIsRejected() {
        #expect(RTCPTest.firstError(RTCPTest.bytes("81 CD 00 02  0A 0B 0C 0D  01 02 03 04"))
                == .truncatedBody(packetType: 205, needed: 16, available: 12))
    }

    @Test func pictureLossIndication() {
        RTCPTest.withSinglePacket(Self.pictureLoss) { packet in
            guard case .pictureLossIndication(let pli) = packet else {
                Issue.record("not a PLI: \(packet)")
                return
            }
            #expect(pli.senderSSRC == SSRC(0x0A0B_0C0D))
            #expect(pli.mediaSSRC == SSRC(0x0102_0304))
        }
        let built = RTCPTest.build {
            PictureLossIndication.write(into: $0, senderSSRC: SSRC(0x0A0B_0C0D), mediaSSRC: SSRC(0x0102_0304))
        }
        #expect(built == Self.pictureLoss)
        #expect(RTCPTest.build(capacity: 11) { PictureLossIndication.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2)) } == nil)
    }

    @Test func fullIntraRequestEntries() {
        RTCPTest.withSinglePacket(Self.fullIntraRequest) { packet in
            guard case .fullIntraRequest(let fir) = packet else {
                Issue.record("not a FIR: \(packet)")
                return
            }
            #expect(fir.senderSSRC == SSRC(0x0A0B_0C0D))
            #expect(fir.mediaSSRC == SSRC(0))
            #expect(Array(fir.entries) == [
                FullIntraRequest.Entry(ssrc: SSRC(0x1111_1111), sequenceNumber: 7),
                FullIntraRequest.Entry(ssrc: SSRC(0x2222_2222), sequenceNumber: 255),
            ])
        }
        let built = RTCPTest.build {
            FullIntraRequest.write(into: $0, senderSSRC: SSRC(0x0A0B_0C0D), entries: [
                FullIntraRequest.Entry(ssrc: SSRC(0x1111_1111), sequenceNumber: 7),
                FullIntraRequest.Entry(ssrc: SSRC(0x2222_2222), sequenceNumber: 255),
            ])
        }
        #expect(built == Self.fullIntraRequest)
        #expect(RTCPTest.build { FullIntraRequest.write(into: $0, senderSSRC: SSRC(1), entries: []) } == nil)
    }

    @Test func rembDecodesExponentAndMantissa() {
        RTCPTest.withSinglePacket(Self.remb) { packet in
            guard case .receiverEstimatedMaxBitrate(let remb) = packet else {
                Issue.record("not a REMB: \(packet)")
                return
            }
            #expect(remb.senderSSRC == SSRC(0x0101_0101))
            #expect(remb.mediaSSRC == SSRC(0))
            #expect(remb.exponent == 3)
            #expect(remb.mantissa == 200_000)
            #expect(remb.bitrate == 1_600_000)
            #expect(Array(remb.ssrcs) == [SSRC(0xAAAA_AAAA), SSRC(0xBBBB_BBBB)])
        }
    }

    @Test func rembBuilderPicksTheSmallestExponent() {
        let built = RTCPTest.build {
            ReceiverEstimatedMaxBitrate.write(into: $0, senderSSRC: SSRC(0x0101_0101), bitrate: 1_600_000,
                                              ssrcs: [SSRC(0xAAAA_AAAA), SSRC(0xBBBB_BBBB)])
        }
        #expect(built == Self.remb)
        // 123,456,789 >> 8 = 482,253 (too wide for 18 bits), >> 9 = 241,126: exponent 9, and
        // the decoded rate is 241,126 * 512 = 123,456,512.
        let rounded = RTCPTest.build {
            ReceiverEstimatedMaxBitrate.write(into: $0, senderSSRC: SSRC(1), bitrate: 123_456_789, ssrcs: [SSRC(2)])
        }
        RTCPTest.withSinglePacket(rounded ?? []) { packet in
            guard case .receiverEstimatedMaxBitrate(let remb) = packet else { return }
            #expect(remb.exponent == 9)
            #expect(remb.mantissa == 241_126)
            #expect(remb.bitrate == 123_456_512)
        }
    }

    @Test func rembBitrateSaturatesAtTheLargestExponent() {
        // Exponent 63, mantissa 0x3FFFF: far beyond 64 bits.
        let bytes = RTCPTest.bytes("8F CE 00 04  00 00 00 01  00 00 00 00  52 45 4D 42  00 FF FF FF")
        RTCPTest.withSinglePacket(bytes) { packet in
            guard case .receiverEstimatedMaxBitrate(let remb) = packet else { return }
            #expect(remb.exponent == 63)
            #expect(remb.bitrate == UInt64.max)
            #expect(Array(remb.ssrcs).isEmpty)
        }
        let maximal = RTCPTest.build {
            ReceiverEstimatedMaxBitrate.write(into: $0, senderSSRC: SSRC(1), bitrate: UInt64.max, ssrcs: [])
        }
        RTCPTest.withSinglePacket(maximal ?? []) { packet in
            guard case .receiverEstimatedMaxBitrate(let remb) = packet else { return }
            // UInt64.max >> 46 = 0x3FFFF: the largest value that fits, rounded down.
            #expect(remb.exponent == 46)
            #expect(remb.bitrate == (UInt64.max >> 46) << 46)
        }
    }

    @Test func rembWithMoreSSRCsThanThePacketHoldsIsRejected() {
        // Num SSRC 3, but only 2 follow: needs 20 + 12 = 32 bytes, has 28.
        var bytes = Self.remb
        bytes[16] = 3
        #expect(RTCPTest.firstError(bytes) == .truncatedBody(packetType: 206, needed: 32, available: 28))
    }

    @Test func applicationLayerFeedbackOtherThanREMBPassesThrough() {
        var bytes = Self.remb
        bytes[12] = 0x41  // "AEMB"
        RTCPTest.withSinglePacket(bytes) { packet in
            guard case .other(let raw) = packet else {
                Issue.record("expected other, got \(packet)")
                return
            }
            #expect(raw.header.packetType == .payloadSpecificFeedback)
            #expect(raw.header.count == 15)
            #expect(raw.bytes.count == 28)
        }
    }
}
