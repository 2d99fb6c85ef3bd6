import TestSupport
import SCTP
@testable import SFUCore
import Testing

extension DataChannelRelayTests {
    @Suite("Closing")
    struct Closing {
        /// A publisher A and two subscribers B and C, all up, with A's "chat" relayed to both.
        struct Room {
            var scenario = RelayScenario()
            let aPublish: UInt64
            let bSubscribe: UInt64
            let cSubscribe: UInt64
            let chat: UInt16
            let bChat: UInt16
            let cChat: UInt16

            init() throws {
                aPublish = try scenario.join("A", publisher: true)
                bSubscribe = try scenario.join("B", publisher: false)
                cSubscribe = try scenario.join("C", publisher: false, peerIsDTLSClient: false)
                chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe)).id
                cChat = try #require(scenario.relayedChannel("chat", from: "A", at: cSubscribe)).id
            }
        }

        @Test("the sender closing its channel closes the relayed channels; opening the label again relays it anew")
        func senderCloses() async throws {
            try await UsrsctpTestLock.run {
                var room = try Room()
                #expect(room.scenario.send(textMessage("last"), on: room.chat, from: room.aPublish) == .sent)
                room.scenario.close(room.chat, from: room.aPublish)

                #expect(room.scenario.closedChannels(at: room.aPublish) == [room.chat])
                for (receiver, id) in [(room.bSubscribe, room.bChat), (room.cSubscribe, room.cChat)] {
                    #expect(room.scenario.messages(at: receiver, on: id) == [textMessage("last")])
                    #expect(room.scenario.closedChannels(at: receiver) == [id])
                    #expect(room.scenario.channel(id, at: receiver)?.state == .closed)
                    #expect(room.scenario.relay.channels(of: receiver).map(\.state) == [.closed])
                }
                #expect(room.scenario.relay.openedChannels(of: room.aPublish).isEmpty)
                #expect(room.scenario.relay.counters.droppedOnClose == 0)

                let marks = [room.bSubscribe, room.cSubscribe].map { room.scenario.eventCount(at: $0) }
                let again = try room.scenario.open(try DataChannelParameters(label: "chat", ordered: false), from: room.aPublish)
                #expect(room.scenario.send(textMessage("again"), on: again, from: room.aPublish) == .sent)
                room.scenario.settle()
                for (receiver, mark) in zip([room.bSubscribe, room.cSubscribe], marks) {
                    #expect(room.scenario.openedChannels(at: receiver).count == 2)
                    let channel = try #require(room.scenario.relayedChannel("chat", from: "A", at: receiver))
                    #expect(channel.state == .open)
                    #expect(channel.parameters.ordered == false)
                    #expect(room.scenario.messages(at: receiver, on: channel.id, since: mark) == [textMessage("again")])
                }
            }
        }

        @Test("a label stays relayed while the sender still has another channel with it")
        func secondChannelOfLabel() async throws {
            try await UsrsctpTestLock.run {
                var room = try Room()
                let second = try room.scenario.open(try DataChannelParameters(label: "chat"), from: room.aPublish)
                #expect(room.scenario.openedChannels(at: room.bSubscribe) == [room.bChat], "one relayed channel per (sender, label)")
                room.scenario.close(room.chat, from: room.aPublish)
                #expect(room.scenario.closedChannels(at: room.bSubscribe).isEmpty)

                #expect(room.scenario.send(textMessage("on the second"), on: second, from: room.aPublish) == .sent)
                room.scenario.settle()
                #expect(room.scenario.messages(at: room.bSubscribe, on: room.bChat) == [textMessage("on the second")])
                room.scenario.close(second, from: room.aPublish)
                #expect(room.scenario.closedChannels(at: room.bSubscribe) == [room.bChat])
            }
        }

        @Test("the sender closing two channels at once closes both relayed channels")
        func senderClosesTwo() async throws {
            try await UsrsctpTestLock.run {
                var room = try Room()
                let news = try room.scenario.open(try DataChannelParameters(label: "news"), from: room.aPublish)
                let bNews = try #require(room.scenario.relayedChannel("news", from: "A", at: room.bSubscribe)).id
                room.scenario.peers[room.aPublish]?.connection.close(room.chat)
                room.scenario.peers[room.aPublish]?.connection.close(news)
                room.scenario.settle()

                #expect(Set(room.scenario.closedChannels(at: room.aPublish)) == [room.chat, news])
                #expect(Set(room.scenario.closedChannels(at: room.bSubscribe)) == [room.bChat, bNews])
                #expect(room.scenario.relay.channels(of: room.bSubscribe).map(\.state) == [.closed, .closed])
            }
        }

        @Test("the sender's transport going away closes the relayed channels of every label at every receiver")
        func senderDetaches() async throws {
            try await UsrsctpTestLock.run {
                var room = try Room()
                _ = try room.scenario.open(try DataChannelParameters(label: "news"), from: room.aPublish)
                let bNews = try #require(room.scenario.relayedChannel("news", from: "A", at: room.bSubscribe)).id
                let cNews = try #require(room.scenario.relayedChannel("news", from: "A", at: room.cSubscribe)).id
                room.scenario.relay.detach(room.aPublish)
                room.scenario.settle()

                #expect(room.scenario.relay.associationCount == 2)
                for (receiver, ids) in [(room.bSubscribe, [room.bChat, bNews]), (room.cSubscribe, [room.cChat, cNews])] {
                    #expect(Set(room.scenario.closedChannels(at: receiver)) == Set(ids))
                    #expect(ids.allSatisfy { room.scenario.channel($0, at: receiver)?.state == .closed })
                }
                // A packet from the detached transport's peer reaches nothing.
                #expect(room.scenario.trySend(textMessage("gone"), on: room.chat, from: room.aPublish) == .sent)
                room.scenario.settle()
                #expect(room.scenario.receivedMessages(at: room.bSubscribe).isEmpty)
            }
        }

        @Test("a receiver's transport going away leaves the other receivers' channels alone")
        func receiverDetaches() async throws {
            try await UsrsctpTestLock.run {
                var room = try Room()
                room.scenario.relay.detach(room.bSubscribe)
                #expect(room.scenario.send(textMessage("still here"), on: room.chat, from: room.aPublish) == .sent)
                room.scenario.settle()
                #expect(room.scenario.messages(at: room.cSubscribe, on: room.cChat) == [textMessage("still here")])
                #expect(room.scenario.closedChannels(at: room.cSubscribe).isEmpty)
                #expect(room.scenario.relay.counters.messagesRelayed == 1)
            }
        }
    }
}
