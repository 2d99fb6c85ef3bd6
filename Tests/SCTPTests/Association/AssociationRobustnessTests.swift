import SCTP
import TestSupport
import Testing

extension AssociationSuite {
    @Suite("Malformed and mutated packets")
    struct Robustness {
        /// Recomputes the CRC-32C of a packet (little-endian in bytes 8..<12, RFC 9260
        /// Appendix A) bit by bit: an implementation independent of the module's tables.
        static func withChecksum(_ packet: [UInt8]) -> [UInt8] {
            var bytes = packet
            bytes.replaceSubrange(8..<12, with: [0, 0, 0, 0])
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            crc = ~crc
            bytes.replaceSubrange(8..<12, with: [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
            return bytes
        }

        @Test("usrsctp's own packets carry the checksum an independent CRC-32C computes")
        func checksumsAgree() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                #expect(pair.client.send(patternBytes(count: 5_000, seed: 1)) == .sent)
                pair.pump()
                #expect(pair.delivered.count > 6)
                for (_, packet) in pair.delivered {
                    #expect(Self.withChecksum(packet) == packet)
                }
            }
        }

        @Test("garbage, truncated, bad-CRC and wrong-port packets are counted as malformed; the association goes on")
        func malformed() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(
                    client: SCTPConfiguration(localPort: 5000, remotePort: 5001),
                    server: SCTPConfiguration(localPort: 5001, remotePort: 5000))
                pair.establish()
                #expect(pair.client.send(Array("probe".utf8)) == .sent)
                var captured: [UInt8] = []
                pair.filter = { direction, packet in
                    if direction == .clientToServer, captured.isEmpty { captured = packet }
                    return true
                }
                pair.pump()
                pair.filter = nil
                #expect(captured.count >= 16)
                let valid = captured
                var badChecksum = valid
                badChecksum[valid.count - 1] ^= 0x01
                var wrongSource = valid
                wrongSource[1] ^= 0x01
                var wrongDestination = valid
                wrongDestination[3] ^= 0x01
                var badChunkLength = valid
                badChunkLength[14] = 0
                badChunkLength[15] = 2
                let cases: [[UInt8]] = [
                    [], [0x13], Array(valid.prefix(12)), Array(valid.prefix(15)),
                    patternBytes(count: 300, seed: 77), badChecksum,
                    Self.withChecksum(wrongSource), Self.withChecksum(wrongDestination), Self.withChecksum(badChunkLength),
                    [UInt8](repeating: 0, count: 64),
                ]
                for bytes in cases {
                    bytes.withUnsafeBytes { pair.server.handlePacket($0) }
                }
                #expect(pair.server.counters.malformedPackets == UInt64(cases.count))
                #expect(pair.server.counters.packetsReceived == pair.client.counters.packetsSent)
                #expect(pair.client.send(Array("after".utf8)) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [Array("probe".utf8), Array("after".utf8)])
            }
        }

        @Test("10,000 mutations of captured packets never trap; the association stays usable")
        func mutations() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                for index in 0..<20 {
                    #expect(pair.client.send(patternBytes(count: 50 + index * 200, seed: index), stream: UInt16(index % 3),
                                             options: SCTPSendOptions(unordered: index % 2 == 0)) == .sent)
                }
                #expect(pair.client.resetOutgoingStreams([2]))
                pair.pump()
                let seeds = pair.delivered.filter { $0.0 == .clientToServer }.map(\.1)
                #expect(seeds.count > 10)
                var accepted = 0
                var mutator = PacketMutator(seed: 0x5C7F, seeds: seeds)
                for round in 0..<10_000 {
                    var bytes = mutator.next()
                    // Half the mutations keep a valid checksum, so that they reach usrsctp.
                    if round % 2 == 0, bytes.count >= 16 { bytes = Self.withChecksum(bytes) }
                    let before = pair.server.counters.malformedPackets
                    bytes.withUnsafeBytes { pair.server.handlePacket($0) }
                    if pair.server.counters.malformedPackets == before { accepted += 1 }
                    while pair.server.pollTransmit() != nil {}
                    pair.collectEvents()
                }
                #expect(accepted > 1_000, "many mutated packets passed the checks and went to usrsctp")
                #expect(pair.server.counters.malformedPackets + UInt64(accepted) >= 10_000)
                // The association may have been torn down by a mutated ABORT or SHUTDOWN; if it
                // survived it still carries messages.
                if pair.server.state == .established, pair.client.state == .established {
                    #expect(pair.client.send(Array("still here".utf8), stream: 1) == .sent)
                    pair.run(milliseconds: 5_000, step: 50)
                    #expect(pair.messages(to: .clientToServer).last?.payload == Array("still here".utf8))
                }
            }
        }
    }
}
