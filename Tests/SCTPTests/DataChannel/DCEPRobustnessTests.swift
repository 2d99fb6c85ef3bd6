import SCTP
import TestSupport
import Testing

/// No input makes DCEP parsing or a data channel table trap.
@Suite struct DCEPRobustnessTests {
    static func seeds() throws -> [[UInt8]] {
        var seeds = [DCEPTestVectors.aiortcOpenChat, DCEPTestVectors.aiortcOpenTelemetry, DCEPTestVectors.aiortcAck]
        seeds.append(DCEPMessage.open(try channelParameters("", ordered: false, reliability: .maxPacketLifeTime(9)))
            .serialized())
        seeds.append(DCEPMessage.open(try channelParameters("ünïcode 📡", protocol: "proto", priority: 1024)).serialized())
        return seeds
    }

    /// 20,000 random and mutated payloads (the DCEP fuzzer goes further): each parses or is rejected with an error, and
    /// whatever parses serializes back to a message that parses to the same value.
    @Test func mutatedPayloadsNeverTrap() throws {
        var parsed = 0
        var rejected = 0
        var roundTripFailures = 0
        forEachMutatedPacket(count: 20_000, seed: 0xDCE9, seeds: try Self.seeds()) { buffer in
            do throws(DCEPError) {
                let message = try DCEPMessage(parsing: UnsafeRawBufferPointer(buffer))
                parsed += 1
                let again = message.serialized().withUnsafeBytes { try? DCEPMessage(parsing: $0) }
                if again != message { roundTripFailures += 1 }
            } catch {
                rejected += 1
            }
        }
        #expect(parsed + rejected == 20_000)
        #expect(parsed > 100)
        #expect(rejected > 2_000)
        #expect(roundTripFailures == 0)
    }

    /// Random messages and resets on a few streams, with the table's own outputs fed back as
    /// if the peer echoed them: the table never traps and keeps its invariants.
    @Test func randomTrafficKeepsTheTableConsistent() throws {
        var rng = SplitMix64(seed: 0x5C7F)
        var mutator = PacketMutator(seed: 0xACE, seeds: try Self.seeds())
        var table = DataChannelTable(isDTLSClient: Bool.random(using: &rng), remoteMaxMessageSize: 64,
                                     maximumChannels: 6)
        var delivered: UInt64 = 0
        for _ in 0..<20_000 {
            let stream = UInt16.random(in: 0..<12, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: table.handleIncomingStreamsReset([stream])
            case 1: table.handleOutgoingStreamsReset([stream])
            case 2: table.close(stream)
            case 3: _ = table.open(try channelParameters("r"))
            case 4:
                if case .success(let outbound) = table.outgoingMessage(binaryMessage(mutator.next()), on: stream) {
                    table.didSend(outbound)
                }
            default:
                let ppid = UInt32.random(in: 48...58, using: &rng)
                table.handleMessage(stream: stream, ppid: ppid, payload: mutator.next(), unordered: Bool.random(using: &rng))
            }
            while table.pollOutput() != nil {}
            while let event = table.pollEvent() {
                if case .message = event { delivered += 1 }
            }
            #expect(table.channels.filter { $0.state != .closed }.count <= 6)
        }
        let received = table.channels.reduce(UInt64(0)) { $0 + $1.messagesReceived }
        #expect(received <= delivered)
        #expect(table.counters.total > 0)
    }
}
