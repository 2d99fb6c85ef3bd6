import Benchmark
import BenchmarkSupport
import RTCWire

/// One forwarded video packet's header work: parse in place, then rewrite what a consumer
/// rewrites (SSRC, sequence number, timestamp, payload type, extension ids, transport-wide
/// sequence number). The payload is never touched.
func rtpBenchmarks() {
    for payloadLength in [1200, 160] {
        Benchmark("RTP parse+rewrite \(payloadLength) B", configuration: perPacketConfiguration) { benchmark in
            let packet = PacketBuffer(rtpPayloadLength: payloadLength)
            // Publisher ids 1 (mid), 3 (abs-send-time), 5 (transport-cc) → subscriber ids 4, 2, 3.
            // Odd iterations map them back, so every iteration sees the same packet.
            let idMap = RTPExtensionIDMap([1: 4, 3: 2, 5: 3])!
            let inverse = RTPExtensionIDMap([4: 1, 2: 3, 3: 5])!
            var sequence: UInt16 = 0
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                guard case .success(let rtp) = RTPPacket.parse(packet.bytes) else { fatalError("parse failed") }
                sequence &+= 1
                rtp.ssrc = SSRC(0x1234_5678)
                rtp.sequenceNumber = SequenceNumber(sequence)
                rtp.timestamp = rtp.timestamp &+ 3000
                rtp.payloadType = PayloadType(truncating: 96)
                rtp.remapExtensionIDs(iteration & 1 == 0 ? idMap : inverse)
                blackHole(rtp.view.payloadRange)
            }
        }
    }

    Benchmark("RTP header extension walk (3 elements)", configuration: perPacketConfiguration) { benchmark in
        let packet = PacketBuffer(rtpPayloadLength: 1200)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            guard case .success(let view) = RTPPacketView.parse(UnsafeRawBufferPointer(packet.bytes)) else {
                fatalError("parse failed")
            }
            blackHole(view.transportSequenceNumber(id: 5))
            blackHole(view.absSendTime(id: 3))
            blackHole(view.midBytes(id: 1)?.count)
        }
    }

    Benchmark("RFC 7983 demux", configuration: perPacketConfiguration) { benchmark in
        let packet = PacketBuffer(rtpPayloadLength: 160)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(PacketClass(classifying: UnsafeRawBufferPointer(packet.bytes)))
        }
    }
}
