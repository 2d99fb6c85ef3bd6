import SRTP
import TestSupport
import Testing

@Suite("SRTP robustness")
struct SRTPRobustnessTests {
    @Test("random and mutated packets are refused, never accepted, in buffers of exactly their size", arguments: SRTPProfile.allCases)
    func hostileInput(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        var random = SplitMix64(seed: UInt64(profile.rawValue))
        for round in 0..<1500 {
            let isRTCP = round % 2 == 1
            var packet: [UInt8]
            if round % 3 == 0 {
                packet = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                let plain = isRTCP
                    ? TestPackets.rtcpApp(dataLength: 4 * Int.random(in: 0...10, using: &random))
                    : TestPackets.rtp(sequence: UInt16(truncatingIfNeeded: round), payloadLength: Int.random(in: 0...60, using: &random))
                var slot = PacketSlot(plain)
                _ = slot.run(isRTCP ? .protectRTCP : .protectRTP, pair.server)
                packet = slot.packet
                if round % 3 == 1 {
                    packet[Int.random(in: 0..<packet.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                } else {
                    packet.removeLast(Int.random(in: 1...packet.count, using: &random))
                }
            }
            let length = packet.count
            let result = packet.withUnsafeMutableBytes { bytes in
                isRTCP ? pair.client.unprotectRTCP(bytes, length: length) : pair.client.unprotectRTP(bytes, length: length)
            }
            if case .ok = result {
                Issue.record("round \(round): a hostile \(isRTCP ? "RTCP" : "RTP") packet of \(length) bytes was accepted")
            }
        }
    }
}
