import TestSupport
import Testing
import RTCWire

@Suite("RTCP robustness")
struct RTCPRobustnessTests {
    /// Valid packets and compounds to mutate, hand-written and built.
    static let seeds: [[UInt8]] = {
        var twccPadded = RTCPTransportWideFeedbackTests.feedback
        twccPadded[0] |= 0x20
        twccPadded[twccPadded.count - 1] = 3
        let singles = [
            RTCPReportTests.senderReport, RTCPReportTests.receiverReport, RTCPSourceDescriptionTests.twoChunks,
            RTCPSourceDescriptionTests.goodbyeWithReason, RTCPSourceDescriptionTests.application,
            RTCPFeedbackTests.genericNack, RTCPFeedbackTests.pictureLoss, RTCPFeedbackTests.fullIntraRequest,
            RTCPFeedbackTests.remb, RTCPTransportWideFeedbackTests.feedback, twccPadded,
            RTCPCompoundTests.extendedReport, RTCPCompoundTests.tmmbr,
        ]
        return singles + [
            RTCPSSRCRewriteTests.compound { $0 },
            RTCPReportTests.senderReport + RTCPSourceDescriptionTests.twoChunks + RTCPFeedbackTests.remb,
            RTCPReportTests.receiverReport + twccPadded + RTCPFeedbackTests.genericNack
                + RTCPTest.bytes("A0 C9 00 02  0A 0B 0C 0D  00 00 00 04"),
        ]
    }()

    /// Flips every SSRC it is offered, so applying it twice restores the packet.
    struct FlipMapping: SSRCMapping {
        var calls = 0
        mutating func map(_ ssrc: SSRC, field: RTCPSSRCField) -> SSRC {
            calls += 1
            return SSRC(ssrc.rawValue ^ 0xA5A5_5A5A)
        }
    }

    /// Problems found, recorded once at the end instead of once per input.
    struct Violations {
        var count = 0
        var first: String?

        mutating func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            guard !condition else { return }
            count += 1
            if first == nil { first = what() }
        }
    }

    /// What one pass over a buffer read: the well-formed packets and a sum of every field.
    struct Reading: Equatable {
        let packets: Int
        let checksum: UInt64
    }

    /// Reads every accessor of every view and walks every iterator to its end, checking the
    /// limits each view's invariant promises.
    static func exercise(_ bytes: UnsafeRawBufferPointer, _ violations: inout Violations) -> Reading {
        var packets = 0
        var checksum: UInt64 = 0
        for result in RTCPCompoundPacket(bytes) {
            guard case .success(let packet) = result else { break }
            packets += 1
            let raw = packet.raw
            violations.check(raw.bytes.count >= 4 && raw.bytes.count <= raw.header.packetSize,
                             "packet bytes \(raw.bytes.count) outside 4...\(raw.header.packetSize)")
            switch packet {
            case .senderReport(let sr):
                checksum &+= UInt64(sr.senderSSRC.rawValue) &+ sr.ntpTimestamp &+ UInt64(sr.rtpTimestamp)
                checksum &+= UInt64(sr.packetCount) &+ UInt64(sr.octetCount)
                checksum &+= checkBlocks(sr.reportBlocks, raw, &violations)
            case .receiverReport(let rr):
                checksum &+= UInt64(rr.senderSSRC.rawValue) &+ checkBlocks(rr.reportBlocks, raw, &violations)
            case .sourceDescription(let sdes):
                var chunks = 0
                for chunk in sdes.chunks {
                    chunks += 1
                    checksum &+= UInt64(chunk.ssrc.rawValue)
                    for item in chunk.items {
                        violations.check(item.valueRange.upperBound <= raw.bytes.count && item.value.count == item.valueRange.count,
                                         "SDES item \(item.valueRange) outside \(raw.bytes.count) bytes")
                        checksum &+= UInt64(item.type.rawValue) &+ UInt64(item.value.count)
                    }
                }
                violations.check(chunks == Int(raw.header.count), "SDES yielded \(chunks) of \(raw.header.count) chunks")
            case .goodbye(let bye):
                violations.check(Array(bye.ssrcs).count == Int(raw.header.count), "BYE SSRC count")
                checksum &+= UInt64(bye.reason?.count ?? 0)
            case .applicationDefined(let app):
                checksum &+= UInt64(app.subtype) &+ UInt64(app.senderSSRC.rawValue) &+ UInt64(app.name)
                violations.check(app.data.count == raw.bytes.count - 12, "APP data length")
            case .genericNack(let nack):
                let entries = Array(nack.entries)
                let lost = Array(nack.lostSequenceNumbers)
                violations.check(!entries.isEmpty && lost.count >= entries.count && lost.count <= 17 * entries.count,
                                 "NACK expanded \(entries.count) entries to \(lost.count) numbers")
                checksum &+= UInt64(nack.senderSSRC.rawValue) &+ UInt64(nack.mediaSSRC.rawValue)
            case .transportWideFeedback(let twcc):
                checksum &+= UInt64(twcc.senderSSRC.rawValue) &+ UInt64(twcc.mediaSSRC.rawValue)
                checksum &+= UInt64(bitPattern: twcc.referenceTimeMicroseconds) &+ UInt64(twcc.feedbackPacketCount)
                var results = 0
                var expected = twcc.baseSequence
                for result in twcc.packetResults {
                    violations.check(result.sequence == expected, "TWCC sequence \(result.sequence) != \(expected)")
                    violations.check((result.status == .notReceived) == (result.receiveDelta == nil), "TWCC delta/status")
                    expected = expected.advanced(by: 1)
                    results += 1
                }
                violations.check(results == twcc.statusCount, "TWCC yielded \(results) of \(twcc.statusCount)")
                violations.check(twcc.chunks.reduce(0) { count, _ in count + 1 } <= raw.bytes.count / 2, "TWCC chunk count")
            case .pictureLossIndication(let pli):
                checksum &+= UInt64(pli.senderSSRC.rawValue) &+ UInt64(pli.mediaSSRC.rawValue)
            case .fullIntraRequest(let fir):
                violations.check(Array(fir.entries).count == (raw.bytes.count - 12) / 8, "FIR entry count")
                checksum &+= UInt64(fir.senderSSRC.rawValue) &+ UInt64(fir.mediaSSRC.rawValue)
            case .receiverEstimatedMaxBitrate(let remb):
                checksum &+= remb.bitrate &+ UInt64(remb.exponent) &+ UInt64(remb.mantissa)
                checksum &+= UInt64(remb.senderSSRC.rawValue) &+ UInt64(remb.mediaSSRC.rawValue)
                violations.check(Array(remb.ssrcs).count == remb.ssrcs.count, "REMB SSRC count")
            case .other(let other):
                checksum &+= UInt64(other.header.packetType.rawValue)
            }
        }
        return Reading(packets: packets, checksum: checksum)
    }

    private static func checkBlocks(_ blocks: ReportBlocks, _ raw: RTCPRawPacket, _ violations: inout Violations) -> UInt64 {
        var sum: UInt64 = 0
        var count = 0
        for block in blocks {
            count += 1
            violations.check((-8_388_608...8_388_607).contains(block.cumulativeLost), "cumulative loss \(block.cumulativeLost)")
            sum &+= UInt64(block.ssrc.rawValue) &+ UInt64(block.jitter) &+ UInt64(block.fractionLost)
        }
        violations.check(count == Int(raw.header.count), "yielded \(count) of \(raw.header.count) report blocks")
        return sum
    }

    @Test func randomAndMutatedPacketsNeverTrap() {
        var violations = Violations()
        var wellFormed = 0
        forEachMutatedPacket(count: 100_000, seed: 0x5254_4350, seeds: Self.seeds) { buffer in
            let original = Array(buffer)
            let before = Self.exercise(UnsafeRawBufferPointer(buffer), &violations)

            var flip = FlipMapping()
            let first = RTCPCompoundPacket.rewriteSSRCs(in: buffer, using: &flip)
            let afterOne = Array(buffer)
            _ = Self.exercise(UnsafeRawBufferPointer(buffer), &violations)
            let second = RTCPCompoundPacket.rewriteSSRCs(in: buffer, using: &flip)
            violations.check(first == second, "rewrite results differ: \(first) vs \(second)")
            violations.check(Array(buffer) == original, "rewriting twice did not restore the packet")
            violations.check(Self.exercise(UnsafeRawBufferPointer(buffer), &violations) == before,
                             "reading the restored packet gave other values")
            if case .success(let count) = first {
                wellFormed += 1
                violations.check(count == before.packets, "rewrite walked \(count) packets, iteration \(before.packets)")
                violations.check(afterOne != original || flip.calls == 0, "rewrite changed nothing")
            }
        }
        #expect(violations.count == 0, "\(violations.count) violations, first: \(violations.first ?? "")")
        // The seeds are valid, so a fair share of mutations stays well-formed.
        #expect(wellFormed > 1000)
    }

    @Test func seedsAreWellFormed() {
        for seed in Self.seeds {
            #expect(RTCPTest.firstError(seed) == nil)
        }
    }
}
