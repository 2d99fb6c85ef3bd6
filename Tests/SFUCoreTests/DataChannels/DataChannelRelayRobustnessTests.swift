import TestSupport
import SCTP
@testable import SFUCore
import Testing

extension DataChannelRelayTests {
    @Suite("Bad input and subscribers' own messages")
    struct Robustness {
        /// One SCTP message a publisher's peer sends past its own table, and the drop the relay's
        /// table should count for it.
        struct RawMessage: CustomStringConvertible {
            let name: String
            let stream: UInt16
            let ppid: UInt32
            let payload: [UInt8]
            var unordered = false
            let cause: DataChannelDropCause

            var description: String { name }
        }

        /// A DATA_CHANNEL_OPEN (RFC 8832 §5.1) for a reliable ordered channel whose label length
        /// field says `declaredLabelLength` but that carries `label`.
        static func open(label: [UInt8], declaredLabelLength: UInt16) -> [UInt8] {
            [0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, UInt8(declaredLabelLength >> 8), UInt8(declaredLabelLength & 0xFF), 0, 0] + label
        }

        /// The publisher's peer is the DTLS client: its channels take even stream ids, the
        /// relay's odd ones; "chat" is on stream 0.
        static let rawMessages: [RawMessage] = [
            RawMessage(name: "OPEN with a truncated label", stream: 100, ppid: 50,
                       payload: open(label: Array("ab".utf8), declaredLabelLength: 16), cause: .malformedControlMessage),
            RawMessage(name: "unknown DCEP message type", stream: 102, ppid: 50, payload: [0x07], cause: .malformedControlMessage),
            RawMessage(name: "OPEN on a stream id of the relay's parity", stream: 101, ppid: 50,
                       payload: open(label: Array("odd".utf8), declaredLabelLength: 3), cause: .openOnInvalidStream),
            RawMessage(name: "OPEN sent unordered", stream: 104, ppid: 50,
                       payload: open(label: Array("u".utf8), declaredLabelLength: 1), unordered: true, cause: .unorderedControlMessage),
            RawMessage(name: "text on a stream without a channel", stream: 106, ppid: 51, payload: Array("stray".utf8),
                       cause: .messageOnUnknownStream),
            RawMessage(name: "unknown PPID on the open channel", stream: 0, ppid: 99, payload: [1, 2, 3], cause: .unknownPayloadProtocol),
            RawMessage(name: "deprecated partial string on the open channel", stream: 0, ppid: 52, payload: [0x41],
                       cause: .deprecatedPayloadProtocol),
            RawMessage(name: "OPEN on the stream of the open channel", stream: 0, ppid: 50,
                       payload: open(label: Array("chat".utf8), declaredLabelLength: 4), cause: .openOnStreamInUse),
        ]

        @Test("bad data-channel input from a publisher is counted by cause, and its association keeps relaying",
              arguments: rawMessages)
        func malformedFromPublisher(_ raw: RawMessage) async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                #expect(chat == 0)
                #expect(scenario.send(textMessage("before"), on: chat, from: aPublish) == .sent)

                let association = try #require(scenario.peers[aPublish]?.connection.association)
                let result = raw.payload.withUnsafeBytes {
                    association.send($0, stream: raw.stream, ppid: raw.ppid, options: SCTPSendOptions(unordered: raw.unordered))
                }
                #expect(result == .sent)
                scenario.settle()
                let drops = try #require(scenario.relay.endpoints[aPublish]?.connection.table.counters)
                #expect(drops[raw.cause] == 1)
                #expect(drops.total == 1)

                #expect(scenario.send(textMessage("after"), on: chat, from: aPublish) == .sent)
                let second = try scenario.open(try DataChannelParameters(label: "second"), from: aPublish)
                #expect(scenario.send(textMessage("on second"), on: second, from: aPublish) == .sent)
                scenario.settle()
                let bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe))
                let bSecond = try #require(scenario.relayedChannel("second", from: "A", at: bSubscribe))
                #expect(scenario.messages(at: bSubscribe, on: bChat.id) == [textMessage("before"), textMessage("after")])
                #expect(scenario.messages(at: bSubscribe, on: bSecond.id) == [textMessage("on second")])
                #expect(scenario.openedChannels(at: bSubscribe).count == 2)
                #expect(scenario.relay.openedChannels(of: aPublish).map(\.label) == ["chat", "second"])
                #expect(scenario.peers[aPublish]?.connection.isEstablished == true)

                // The operator's sum over associations counts it, and keeps it once A is gone.
                #expect(scenario.relay.protocolDrops.channelMessageDrops == 1)
                scenario.relay.detach(aPublish)
                #expect(scenario.relay.associationCount == 1)
                #expect(scenario.relay.protocolDrops.channelMessageDrops == 1)
                #expect(scenario.relay.protocolDrops.malformedPackets == 0)
            }
        }

        @Test("messages a participant sends on its subscribe transport are not relayed")
        func subscribersAreNotRelayed() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let cSubscribe = try scenario.join("C", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                let bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe)).id

                // B answers on the relayed channel and on one it opens on its subscribe transport.
                let back = try scenario.open(try DataChannelParameters(label: "back"), from: bSubscribe)
                #expect(scenario.peers[bSubscribe]?.events.contains(.channelAcknowledged(back)) == true)
                #expect(scenario.send(textMessage("reply"), on: bChat, from: bSubscribe) == .sent)
                #expect(scenario.send(binaryMessage(count: 2_000, seed: 1), on: back, from: bSubscribe) == .sent)
                #expect(scenario.send(DataChannelMessage(kind: .text, payload: []), on: back, from: bSubscribe) == .sent)
                scenario.settle()

                #expect(scenario.relay.counters.ignoredFromSubscribers == 3)
                #expect(scenario.relay.counters.messagesRelayed == 0)
                for serial in [aPublish, cSubscribe] {
                    #expect(scenario.receivedMessages(at: serial).isEmpty)
                }
                #expect(scenario.openedChannels(at: cSubscribe).count == 1, "C gets A's channel only, not B's")
                #expect(scenario.relay.openedChannels(of: bSubscribe).map(\.label) == ["back"])

                // A's channel still reaches both.
                #expect(scenario.send(textMessage("from A"), on: chat, from: aPublish) == .sent)
                scenario.settle()
                #expect(scenario.messages(at: bSubscribe, on: bChat) == [textMessage("from A")])
                #expect(scenario.receivedMessages(at: cSubscribe).map(\.1) == [textMessage("from A")])
            }
        }
    }
}
