import Benchmark
import BenchmarkSupport
import RTCWire

/// A subscriber's feedback as a browser sends it: RR + SDES CNAME + generic NACK + PLI + TWCC.
private func subscriberFeedback() -> PacketBuffer {
    var bytes = [UInt8](repeating: 0, count: 1500)
    let length = bytes.withUnsafeMutableBytes { buffer -> Int in
        var offset = 0
        func append(_ write: (UnsafeMutableRawBufferPointer) -> Int?) {
            offset += write(UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))!
        }
        let subscriber = SSRC(1), media = SSRC(0x1234_5678)
        append {
            ReceiverReport.write(into: $0, senderSSRC: subscriber, reportBlocks: [
                ReportBlock(ssrc: media, fractionLost: 3, cumulativeLost: 17, extendedHighestSequence: 70_000,
                            jitter: 120, lastSenderReport: 0xABCD_0000, delaySinceLastSenderReport: 655),
            ])
        }
        append { SourceDescription.writeCNAME(into: $0, ssrc: subscriber, cname: Array("abcdefghijklmnop".utf8)) }
        append {
            GenericNack.write(into: $0, senderSSRC: subscriber, mediaSSRC: media,
                              lost: [100, 101, 105, 140].map { SequenceNumber($0) })
        }
        append { PictureLossIndication.write(into: $0, senderSSRC: subscriber, mediaSSRC: media) }
        append {
            TransportWideFeedback.write(into: $0, senderSSRC: subscriber, mediaSSRC: media,
                                        baseSequence: SequenceNumber(500), referenceTime: 1000,
                                        feedbackPacketCount: 7,
                                        receiveDeltas: (0..<20).map { $0 % 7 == 3 ? nil : Int16($0 * 4) })
        }
        return offset
    }
    return PacketBuffer(copying: Array(bytes[..<length]))
}

/// Maps the subscriber-facing SSRC back to the publisher's, as an SFU does with feedback.
private struct SubscriberToPublisher: SSRCMapping {
    var subscriberFacing: SSRC
    var publisher: SSRC
    mutating func map(_ ssrc: SSRC, field: RTCPSSRCField) -> SSRC {
        ssrc == subscriberFacing ? publisher : (ssrc == publisher ? subscriberFacing : ssrc)
    }
}

func rtcpBenchmarks() {
    Benchmark("RTCP iterate compound (RR+SDES+NACK+PLI+TWCC)", configuration: perPacketConfiguration) { benchmark in
        let packet = subscriberFeedback()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var lost = 0
            var arrived = 0
            for result in RTCPCompoundPacket(UnsafeRawBufferPointer(rebasing: packet.bytes[..<packet.length])) {
                guard case .success(let rtcp) = result else { fatalError("iteration failed") }
                switch rtcp {
                case .receiverReport(let report):
                    for block in report.reportBlocks { lost &+= Int(block.cumulativeLost) }
                case .genericNack(let nack):
                    for _ in nack.lostSequenceNumbers { lost &+= 1 }
                case .transportWideFeedback(let feedback):
                    for result in feedback.packetResults where result.receiveDelta != nil { arrived &+= 1 }
                default:
                    break
                }
            }
            blackHole(lost)
            blackHole(arrived)
        }
    }

    Benchmark("RTCP rewrite SSRCs in place (RR+SDES+NACK+PLI+TWCC)", configuration: perPacketConfiguration) { benchmark in
        let packet = subscriberFeedback()
        var mapping = SubscriberToPublisher(subscriberFacing: SSRC(0x1234_5678), publisher: SSRC(0xCAFE_BABE))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let result = RTCPCompoundPacket.rewriteSSRCs(
                in: UnsafeMutableRawBufferPointer(rebasing: packet.bytes[..<packet.length]), using: &mapping)
            blackHole(result)
        }
    }
}
