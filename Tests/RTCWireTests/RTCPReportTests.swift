import Testing
import RTCWire

@Suite("RTCP sender and receiver reports")
struct RTCPReportTests {
    /// SR, RC=1 (RFC 3550 §6.4.1): 28 bytes of header and sender info plus one 24-byte block,
    /// 52 bytes = 13 words, so the length field is 12.
    static let senderReport = RTCPTest.bytes("""
        81 C8 00 0C  12 34 56 78
        E1 A2 B3 C4 80 00 00 00   00 01 E2 40   00 00 03 E8   00 0F 42 40
        DE AD BE EF  40 FF FF FE  00 01 00 05  00 00 00 20  B3 C4 80 00  00 01 80 00
        """)

    /// RR, RC=2 (RFC 3550 §6.4.2): 8 + 2 * 24 = 56 bytes, length 13; the blocks carry the
    /// extremes of the 24-bit signed cumulative loss.
    static let receiverReport = RTCPTest.bytes("""
        82 C9 00 0D  0A 0B 0C 0D
        11 11 11 11  00 7F FF FF  00 00 FF FF  00 00 00 00  00 00 00 00  00 00 00 00
        22 22 22 22  FF 80 00 00  FF FF FF FF  12 34 56 78  9A BC DE F0  00 00 00 01
        """)

    @Test func senderReportFieldsAreReadFromTheirRFCPositions() {
        RTCPTest.withSinglePacket(Self.senderReport) { packet in
            guard case .senderReport(let report) = packet else {
                Issue.record("not an SR: \(packet)")
                return
            }
            #expect(report.raw.header.packetSize == 52)
            #expect(report.senderSSRC == SSRC(0x1234_5678))
            #expect(report.ntpTimestamp == 0xE1A2_B3C4_8000_0000)
            #expect(report.rtpTimestamp == 123_456)
            #expect(report.packetCount == 1000)
            #expect(report.octetCount == 1_000_000)
            #expect(Array(report.reportBlocks) == [
                ReportBlock(ssrc: SSRC(0xDEAD_BEEF), fractionLost: 64, cumulativeLost: -2,
                            extendedHighestSequence: 65541, jitter: 32, lastSenderReport: 0xB3C4_8000,
                            delaySinceLastSenderReport: 98304),
            ])
        }
    }

    @Test func receiverReportBlocksSignExtendTheCumulativeLoss() {
        RTCPTest.withSinglePacket(Self.receiverReport) { packet in
            guard case .receiverReport(let report) = packet else {
                Issue.record("not an RR: \(packet)")
                return
            }
            #expect(report.senderSSRC == SSRC(0x0A0B_0C0D))
            let blocks = Array(report.reportBlocks)
            #expect(blocks.count == 2)
            #expect(blocks.first == ReportBlock(ssrc: SSRC(0x1111_1111), fractionLost: 0, cumulativeLost: 8_388_607,
                                                extendedHighestSequence: 65535, jitter: 0, lastSenderReport: 0,
                                                delaySinceLastSenderReport: 0))
            #expect(blocks.last == ReportBlock(ssrc: SSRC(0x2222_2222), fractionLost: 255, cumulativeLost: -8_388_608,
                                               extendedHighestSequence: 0xFFFF_FFFF, jitter: 0x1234_5678,
                                               lastSenderReport: 0x9ABC_DEF0, delaySinceLastSenderReport: 1))
        }
    }

    @Test func builtSenderReportMatchesTheHandWrittenBytes() {
        let block = ReportBlock(ssrc: SSRC(0xDEAD_BEEF), fractionLost: 64, cumulativeLost: -2,
                                extendedHighestSequence: 65541, jitter: 32, lastSenderReport: 0xB3C4_8000,
                                delaySinceLastSenderReport: 98304)
        let built = RTCPTest.build {
            SenderReport.write(into: $0, senderSSRC: SSRC(0x1234_5678), ntpTimestamp: 0xE1A2_B3C4_8000_0000,
                               rtpTimestamp: 123_456, packetCount: 1000, octetCount: 1_000_000, reportBlocks: [block])
        }
        #expect(built == Self.senderReport)
    }

    @Test func builtReceiverReportMatchesTheHandWrittenBytes() {
        let blocks = [
            ReportBlock(ssrc: SSRC(0x1111_1111), fractionLost: 0, cumulativeLost: 8_388_607,
                        extendedHighestSequence: 65535, jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0),
            ReportBlock(ssrc: SSRC(0x2222_2222), fractionLost: 255, cumulativeLost: -8_388_608,
                        extendedHighestSequence: 0xFFFF_FFFF, jitter: 0x1234_5678, lastSenderReport: 0x9ABC_DEF0,
                        delaySinceLastSenderReport: 1),
        ]
        let built = RTCPTest.build { ReceiverReport.write(into: $0, senderSSRC: SSRC(0x0A0B_0C0D), reportBlocks: blocks) }
        #expect(built == Self.receiverReport)
    }

    @Test func cumulativeLossOutsideTwentyFourBitsIsClampedWhenWritten() {
        let blocks = [Int32.max, Int32.min].map {
            ReportBlock(ssrc: SSRC(1), fractionLost: 0, cumulativeLost: $0, extendedHighestSequence: 0, jitter: 0,
                        lastSenderReport: 0, delaySinceLastSenderReport: 0)
        }
        let built = RTCPTest.build { ReceiverReport.write(into: $0, senderSSRC: SSRC(9), reportBlocks: blocks) }
        // Each block's loss field is bytes 5...7 of the block; blocks start at 8 and 32.
        #expect(built.map { Array($0[13...15]) } == [0x7F, 0xFF, 0xFF])
        #expect(built.map { Array($0[37...39]) } == [0x80, 0x00, 0x00])
    }

    @Test func emptyReceiverReportIsEightBytes() {
        let built = RTCPTest.build { ReceiverReport.write(into: $0, senderSSRC: SSRC(0x0102_0304), reportBlocks: []) }
        #expect(built == RTCPTest.bytes("80 C9 00 01 01 02 03 04"))
    }

    @Test func buildersRefuseTooManyBlocksOrASmallBuffer() {
        let block = ReportBlock(ssrc: SSRC(1), fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 0,
                                jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0)
        #expect(RTCPTest.build { ReceiverReport.write(into: $0, senderSSRC: SSRC(1),
                                                      reportBlocks: Array(repeating: block, count: 32)) } == nil)
        #expect(RTCPTest.build(capacity: 51) {
            SenderReport.write(into: $0, senderSSRC: SSRC(1), ntpTimestamp: 0, rtpTimestamp: 0, packetCount: 0,
                               octetCount: 0, reportBlocks: [block])
        } == nil)
        #expect(RTCPTest.build(capacity: 52) {
            SenderReport.write(into: $0, senderSSRC: SSRC(1), ntpTimestamp: 0, rtpTimestamp: 0, packetCount: 0,
                               octetCount: 0, reportBlocks: [block])
        }?.count == 52)
    }

    @Test func reportBlocksBeyondThePacketAreRejected() {
        // SR announcing RC=2 but holding one block: needs 28 + 48 = 76 bytes, has 52.
        var bytes = Self.senderReport
        bytes[0] = 0x82
        #expect(RTCPTest.firstError(bytes) == .truncatedBody(packetType: 200, needed: 76, available: 52))
    }
}
