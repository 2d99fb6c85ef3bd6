import Testing
import RTCWire

@Suite("RTCP SSRC rewrite")
struct RTCPSSRCRewriteTests {
    static let publisher: UInt32 = 0x1000_0001
    static let otherSource: UInt32 = 0x2000_0002
    static let subscriber: UInt32 = 0x3000_0003
    static let consumerA: UInt32 = 0x4000_0004
    static let consumerB: UInt32 = 0x4000_0005

    /// A compound with every typed packet plus an XR, built with the SSRCs that `ssrc` maps
    /// the five named SSRCs to.
    static func compound(_ ssrc: @escaping (UInt32) -> UInt32) -> [UInt8] {
        let s = { SSRC(ssrc($0)) }
        let block = { (source: UInt32) in
            ReportBlock(ssrc: s(source), fractionLost: 3, cumulativeLost: 4, extendedHighestSequence: 5, jitter: 6,
                        lastSenderReport: 7, delaySinceLastSenderReport: 8)
        }
        let packets: [[UInt8]?] = [
            RTCPTest.build {
                SenderReport.write(into: $0, senderSSRC: s(publisher), ntpTimestamp: 1, rtpTimestamp: 2,
                                   packetCount: 3, octetCount: 4, reportBlocks: [block(otherSource)])
            },
            RTCPTest.build { SourceDescription.writeCNAME(into: $0, ssrc: s(publisher), cname: "cname".utf8) },
            RTCPTest.build {
                ReceiverReport.write(into: $0, senderSSRC: s(subscriber), reportBlocks: [block(consumerA), block(consumerB)])
            },
            RTCPTest.build {
                GenericNack.write(into: $0, senderSSRC: s(subscriber), mediaSSRC: s(consumerA),
                                  lost: [SequenceNumber(5), SequenceNumber(7)])
            },
            RTCPTest.build { PictureLossIndication.write(into: $0, senderSSRC: s(subscriber), mediaSSRC: s(consumerB)) },
            RTCPTest.build {
                FullIntraRequest.write(into: $0, senderSSRC: s(subscriber), entries: [
                    FullIntraRequest.Entry(ssrc: s(consumerA), sequenceNumber: 1),
                    FullIntraRequest.Entry(ssrc: s(consumerB), sequenceNumber: 2),
                ])
            },
            RTCPTest.build {
                ReceiverEstimatedMaxBitrate.write(into: $0, senderSSRC: s(subscriber), bitrate: 500_000,
                                                  ssrcs: [s(consumerA), s(consumerB)])
            },
            RTCPTest.build {
                TransportWideFeedback.write(into: $0, senderSSRC: s(subscriber), mediaSSRC: s(consumerA),
                                            baseSequence: SequenceNumber(9), referenceTime: 1,
                                            feedbackPacketCount: 1, receiveDeltas: [4, nil, 400])
            },
            RTCPTest.build {
                ApplicationDefined.write(into: $0, subtype: 1, senderSSRC: s(subscriber), name: 0x4142_4344, data: [])
            },
            // XR from the subscriber: passed through, so never mapped.
            RTCPTest.bytes("80 CF 00 01  30 00 00 03"),
            RTCPTest.build { Goodbye.write(into: $0, ssrcs: [s(publisher), s(consumerA)]) },
        ]
        return packets.flatMap { $0 ?? [] }
    }

    static let table: [UInt32: UInt32] = [subscriber: 0x5555_0003, consumerA: 0xAAAA_0001, consumerB: 0xAAAA_0002]

    @Test func everySSRCFieldIsOfferedAndRewrittenInPlace() {
        var bytes = Self.compound { $0 }
        var mapping = RecordingSSRCMapping(Self.table)
        let result = bytes.withUnsafeMutableBytes { RTCPCompoundPacket.rewriteSSRCs(in: $0, using: &mapping) }
        #expect(result == .success(11))

        typealias Offer = RecordingSSRCMapping.Offer
        let (p, o, s, a, b) = (Self.publisher, Self.otherSource, Self.subscriber, Self.consumerA, Self.consumerB)
        #expect(mapping.offered == [
            Offer(ssrc: p, field: .sender), Offer(ssrc: o, field: .reportBlock),
            Offer(ssrc: p, field: .sourceDescription),
            Offer(ssrc: s, field: .sender), Offer(ssrc: a, field: .reportBlock), Offer(ssrc: b, field: .reportBlock),
            Offer(ssrc: s, field: .sender), Offer(ssrc: a, field: .mediaSource),
            Offer(ssrc: s, field: .sender), Offer(ssrc: b, field: .mediaSource),
            Offer(ssrc: s, field: .sender), Offer(ssrc: 0, field: .mediaSource),
            Offer(ssrc: a, field: .fullIntraRequestEntry), Offer(ssrc: b, field: .fullIntraRequestEntry),
            Offer(ssrc: s, field: .sender), Offer(ssrc: 0, field: .mediaSource),
            Offer(ssrc: a, field: .bitrateEstimateEntry), Offer(ssrc: b, field: .bitrateEstimateEntry),
            Offer(ssrc: s, field: .sender), Offer(ssrc: a, field: .mediaSource),
            Offer(ssrc: s, field: .sender),
            Offer(ssrc: p, field: .goodbye), Offer(ssrc: a, field: .goodbye),
        ])
        // Rewriting must equal building with the mapped SSRCs, byte for byte, XR untouched.
        #expect(bytes == Self.compound { Self.table[$0] ?? $0 })
    }

    @Test func rewrittenPacketsParseToTheMappedSSRCs() {
        var bytes = Self.compound { $0 }
        var mapping = RecordingSSRCMapping(Self.table)
        _ = bytes.withUnsafeMutableBytes { RTCPCompoundPacket.rewriteSSRCs(in: $0, using: &mapping) }
        RTCPTest.withPackets(bytes) { results in
            for case .success(let packet) in results {
                switch packet {
                case .receiverReport(let rr):
                    #expect(rr.senderSSRC == SSRC(0x5555_0003))
                    #expect(rr.reportBlocks.map(\.ssrc.rawValue) == [0xAAAA_0001, 0xAAAA_0002])
                    #expect(rr.reportBlocks.map(\.jitter) == [6, 6])
                case .genericNack(let nack):
                    #expect(nack.mediaSSRC == SSRC(0xAAAA_0001))
                    #expect(nack.lostSequenceNumbers.map(\.rawValue) == [5, 7])
                case .receiverEstimatedMaxBitrate(let remb):
                    #expect(remb.ssrcs.map(\.rawValue) == [0xAAAA_0001, 0xAAAA_0002])
                    #expect(remb.bitrate == 500_000)
                case .transportWideFeedback(let twcc):
                    #expect(twcc.mediaSSRC == SSRC(0xAAAA_0001))
                    #expect(twcc.packetResults.map(\.receiveDelta) == [4, nil, 400])
                case .other(let raw):
                    #expect(Array(raw.bytes) == RTCPTest.bytes("80 CF 00 01  30 00 00 03"))
                default:
                    continue
                }
            }
        }
    }

    @Test func malformedCompoundReportsTheError() {
        var bytes = RTCPFeedbackTests.pictureLoss + RTCPTest.bytes("81 C9 00 01  0A 0B 0C 0D")
        var mapping = RecordingSSRCMapping([:])
        let result = bytes.withUnsafeMutableBytes { RTCPCompoundPacket.rewriteSSRCs(in: $0, using: &mapping) }
        #expect(result == .failure(.truncatedBody(packetType: 201, needed: 32, available: 8)))
    }
}
