import TestSupport
import SCTP
@testable import SFUCore
import Testing

/// The suite every relay test nests in: serialized, and each test holds `UsrsctpTestLock`.
@Suite("DataChannelRelay with real SCTP peers", .serialized)
struct DataChannelRelayTests {}

extension DataChannelRelayTests {
    @Suite("Fan-out")
    struct Fanout {
        /// 200 messages of every kind: text (some non-ASCII), binary of sizes around the packet
        /// size, empty text, empty binary, 64 KiB messages and one of the 256 KiB maximum.
        static func mixedMessages() -> [DataChannelMessage] {
            (0..<200).map { index in
                if index == 150 { return binaryMessage(count: RelayScenario.maximumMessageSize, seed: index) }
                if index % 20 == 19 { return binaryMessage(count: 65_536, seed: index) }
                switch index % 5 {
                case 0: return textMessage("message \(index): grüße, 你好")
                case 1: return binaryMessage(count: 1 + (index * 97) % 3_000, seed: index)
                case 2: return DataChannelMessage(kind: .text, payload: [])
                case 3: return DataChannelMessage(kind: .binary, payload: [])
                default: return DataChannelMessage(kind: .text, payload: relayTestBytes(count: 1_500, seed: index).map { 0x41 + $0 % 26 })
                }
            }
        }

        @Test("A's reliable ordered channel reaches B and C as its own, with every message in order; nothing goes back to A")
        func threeParticipants() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let aSubscribe = try scenario.join("A", publisher: false)
                let bSubscribe = try scenario.join("B", publisher: false, peerIsDTLSClient: true)
                let cSubscribe = try scenario.join("C", publisher: false, peerIsDTLSClient: false)

                let chat = try DataChannelParameters(label: "chat", ordered: true, reliability: .reliable, priority: 512)
                let id = try scenario.open(chat, from: aPublish)
                #expect(scenario.peers[aPublish]?.events.contains(.channelAcknowledged(id)) == true)

                let expected = try DataChannelParameters(label: "chat", protocol: "A", ordered: true, reliability: .reliable, priority: 512)
                for (receiver, relayParity) in [(bSubscribe, 1), (cSubscribe, 0)] {
                    let opened = scenario.openedChannels(at: receiver)
                    #expect(opened.count == 1)
                    let channel = try #require(opened.first.flatMap { scenario.channel($0, at: receiver) })
                    #expect(channel.parameters == expected)
                    #expect(channel.origin == .remote)
                    #expect(channel.state == .open)
                    // The relay opened it with its own DTLS role's parity (RFC 8832 §6).
                    #expect(Int(channel.id) % 2 == relayParity)
                }

                let sent = Self.mixedMessages()
                for message in sent {
                    #expect(scenario.send(message, on: id, from: aPublish) == .sent)
                }
                scenario.settle()

                for receiver in [bSubscribe, cSubscribe] {
                    let channelID = try #require(scenario.openedChannels(at: receiver).first)
                    let received = scenario.messages(at: receiver, on: channelID)
                    #expect(received.count == sent.count)
                    #expect(received == sent, "receiver \(receiver) got different messages")
                    #expect(scenario.receivedMessages(at: receiver).count == sent.count)
                }
                for own in [aPublish, aSubscribe] {
                    #expect(scenario.receivedMessages(at: own).isEmpty)
                    #expect(scenario.openedChannels(at: own).isEmpty)
                }
                let payloadBytes = UInt64(sent.reduce(0) { $0 + $1.payload.count })
                #expect(scenario.relay.counters.messagesRelayed == 2 * UInt64(sent.count))
                #expect(scenario.relay.counters.bytesRelayed == 2 * payloadBytes)
                #expect(scenario.relay.counters.droppedRefused == 0)
                #expect(scenario.relay.counters.droppedUnreliable == 0)
                #expect(scenario.relay.counters.droppedWhileOpening == 0)
                #expect(scenario.relay.counters.senderPauses == 0)
                // The stats the relay reports: the source counts what it received, each relayed
                // channel what it sent.
                #expect(scenario.relay.channels(of: aPublish).map(\.messagesReceived) == [UInt64(sent.count)])
                #expect(scenario.relay.channels(of: aPublish).map(\.bytesReceived) == [payloadBytes])
                #expect(scenario.relay.channels(of: bSubscribe).map(\.messagesSent) == [UInt64(sent.count)])
                #expect(scenario.relay.openedChannels(of: aPublish) == [chat])
                #expect(scenario.relay.openedChannels(of: bSubscribe).isEmpty)
            }
        }

        @Test("a subscriber that attaches after the channel opened gets it, and the messages sent from then on")
        func lateSubscriber() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let id = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                #expect(scenario.send(textMessage("before C"), on: id, from: aPublish) == .sent)
                scenario.settle()

                let cSubscribe = try scenario.join("C", publisher: false)
                let channel = try #require(scenario.relayedChannel("chat", from: "A", at: cSubscribe))
                #expect(scenario.openedChannels(at: cSubscribe) == [channel.id])
                #expect(channel.parameters == (try DataChannelParameters(label: "chat", protocol: "A")))
                #expect(channel.state == .open)

                #expect(scenario.send(textMessage("after C"), on: id, from: aPublish) == .sent)
                #expect(scenario.send(binaryMessage(count: 5_000, seed: 3), on: id, from: aPublish) == .sent)
                scenario.settle()
                #expect(scenario.messages(at: cSubscribe, on: channel.id) == [textMessage("after C"), binaryMessage(count: 5_000, seed: 3)])
                let bChannel = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe))
                #expect(scenario.messages(at: bSubscribe, on: bChannel.id) == [
                    textMessage("before C"), textMessage("after C"), binaryMessage(count: 5_000, seed: 3),
                ])
            }
        }

        @Test("an unordered channel with maxRetransmits 0 is relayed with the same ordering and reliability")
        func unorderedPartiallyReliable() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let lossy = try DataChannelParameters(label: "telemetry", ordered: false, reliability: .maxRetransmits(0))
                let id = try scenario.open(lossy, from: aPublish)
                let channel = try #require(scenario.relayedChannel("telemetry", from: "A", at: bSubscribe))
                #expect(channel.parameters == (try DataChannelParameters(
                    label: "telemetry", protocol: "A", ordered: false, reliability: .maxRetransmits(0))))

                scenario.peers[bSubscribe]?.recordsPackets = true
                let sent = (0..<20).map { binaryMessage(count: 100 + $0 * 50, seed: $0) }
                for message in sent {
                    #expect(scenario.send(message, on: id, from: aPublish) == .sent)
                }
                scenario.settle()
                // Nothing is lost back to back, but unordered messages may come in any order.
                let received = scenario.messages(at: bSubscribe, on: channel.id)
                #expect(received.count == sent.count)
                #expect(Set(received) == Set(sent))
                let chunks = (scenario.peers[bSubscribe]?.deliveredPackets ?? []).flatMap { SCTPDataChunkHeader.all(in: $0) }
                    .filter { $0.stream == channel.id }
                #expect(chunks.count == sent.count, "each message fits one DATA chunk")
                #expect(chunks.allSatisfy { $0.isUnordered && $0.ppid == 53 })
                #expect(scenario.relay.counters.droppedUnreliable == 0)
            }
        }
    }
}
