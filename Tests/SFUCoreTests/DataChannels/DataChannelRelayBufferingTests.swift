import TestSupport
import SCTP
@testable import SFUCore
import Testing

extension DataChannelRelayTests {
    @Suite("Holding, dropping and back-pressure")
    struct Buffering {
        /// Sends 16 KiB messages from `sender` until its association takes no more (a receiver
        /// is stalled: the relay's association to it and its queue fill, the sender stops being
        /// read, then the sender's window closes); at most 600. Returns what was sent.
        static func sendUntilBlocked(_ scenario: inout RelayScenario, on id: UInt16, from sender: UInt64) throws -> [DataChannelMessage] {
            var sent: [DataChannelMessage] = []
            var blockedRounds = 0
            while sent.count < 600 && blockedRounds < 3 {
                let message = binaryMessage(count: 16_384, seed: sent.count)
                switch scenario.trySend(message, on: id, from: sender) {
                case .sent:
                    sent.append(message)
                    blockedRounds = 0
                    scenario.exchange()
                case .wouldBlock:
                    blockedRounds += 1
                    scenario.settle()
                case .refused(let reason):
                    Issue.record("the sender's message was refused: \(reason)")
                    return sent
                }
            }
            try #require(blockedRounds == 3, "the sender's association never filled up after \(sent.count) messages")
            return sent
        }

        @Test("a receiver not up yet gets the reliable messages held for it (up to 1 MiB) once it connects; unreliable ones are dropped")
        func receiverNotUpYet() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let cSubscribe = try scenario.join("C", publisher: false)
                let bSubscribe = try scenario.attach("B", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                let lossy = try scenario.open(
                    try DataChannelParameters(label: "lossy", ordered: false, reliability: .maxRetransmits(0)), from: aPublish)

                let reliable = (0..<20).map { binaryMessage(count: 65_536, seed: $0) }
                let unreliable = (0..<5).map { textMessage("lossy \($0)") }
                for message in reliable { #expect(scenario.send(message, on: chat, from: aPublish) == .sent) }
                for message in unreliable { #expect(scenario.send(message, on: lossy, from: aPublish) == .sent) }
                scenario.settle()

                // 1 MiB per channel, each message costing its payload and the relay's overhead.
                let heldCount = DataChannelRelay.heldBytesLimit / (65_536 + DataChannelRelay.queuedMessageOverhead)
                #expect(heldCount == 15)
                #expect(scenario.relay.counters.droppedWhileOpening == UInt64(reliable.count - heldCount))
                #expect(scenario.relay.counters.droppedUnreliable == UInt64(unreliable.count))
                #expect(scenario.peers[bSubscribe]?.events.isEmpty == true)
                // C was up all along and lost nothing.
                let cChat = try #require(scenario.relayedChannel("chat", from: "A", at: cSubscribe))
                let cLossy = try #require(scenario.relayedChannel("lossy", from: "A", at: cSubscribe))
                #expect(scenario.messages(at: cSubscribe, on: cChat.id) == reliable)
                #expect(Set(scenario.messages(at: cSubscribe, on: cLossy.id)) == Set(unreliable))

                scenario.connect(bSubscribe)
                scenario.settle()
                #expect(scenario.peers[bSubscribe]?.connection.isEstablished == true)
                #expect(scenario.openedChannels(at: bSubscribe).count == 2)
                let bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe))
                let bLossy = try #require(scenario.relayedChannel("lossy", from: "A", at: bSubscribe))
                #expect(bLossy.parameters.reliability == .maxRetransmits(0))
                #expect(scenario.messages(at: bSubscribe, on: bChat.id) == Array(reliable.prefix(heldCount)))
                #expect(scenario.messages(at: bSubscribe, on: bLossy.id).isEmpty)

                // Once open, B gets what comes next on both.
                #expect(scenario.send(textMessage("next"), on: chat, from: aPublish) == .sent)
                #expect(scenario.send(textMessage("next lossy"), on: lossy, from: aPublish) == .sent)
                scenario.settle()
                #expect(scenario.messages(at: bSubscribe, on: bChat.id).last == textMessage("next"))
                #expect(scenario.messages(at: bSubscribe, on: bLossy.id) == [textMessage("next lossy")])
                #expect(scenario.relay.counters.messagesRelayed
                    == UInt64(reliable.count + unreliable.count + 2 + heldCount + 2))
            }
        }

        @Test("a stalled receiver pauses the sender; the other receiver gets what was read; all arrives in order after it resumes")
        func backPressure() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let cSubscribe = try scenario.join("C", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                let bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe)).id
                let cChat = try #require(scenario.relayedChannel("chat", from: "A", at: cSubscribe)).id

                scenario.stall(bSubscribe)
                let sent = try Self.sendUntilBlocked(&scenario, on: chat, from: aPublish)
                #expect(scenario.relay.counters.senderPauses == 1)
                #expect(scenario.isSenderPaused(aPublish))
                let key = RelayedChannelKey(sender: "A", label: "chat")
                #expect((scenario.relay.endpoints[bSubscribe]?.relayed[key]?.queuedBytes ?? 0) > DataChannelRelay.pauseThreshold)

                let readByRelay = Int(try #require(scenario.relay.channels(of: aPublish).first).messagesReceived)
                #expect(readByRelay < sent.count, "the paused association held some of A's messages back")
                #expect(scenario.messages(at: cSubscribe, on: cChat) == Array(sent.prefix(readByRelay)))
                #expect(scenario.messages(at: bSubscribe, on: bChat).isEmpty)

                scenario.resume(bSubscribe)
                let delivered = scenario.run(maximumTicks: 30_000) {
                    $0.messages(at: bSubscribe, on: bChat).count >= sent.count && $0.messages(at: cSubscribe, on: cChat).count >= sent.count
                }
                #expect(delivered, "B got \(scenario.messages(at: bSubscribe, on: bChat).count) and C \(scenario.messages(at: cSubscribe, on: cChat).count) of \(sent.count)")
                #expect(scenario.messages(at: bSubscribe, on: bChat) == sent)
                #expect(scenario.messages(at: cSubscribe, on: cChat) == sent)
                #expect(!scenario.isSenderPaused(aPublish))
                #expect(scenario.relay.blocking.isEmpty)
                #expect(scenario.relay.counters.droppedOnClose == 0)
                #expect(scenario.relay.counters.droppedRefused == 0)

                // The sender goes on.
                let after = textMessage("after the stall")
                #expect(scenario.send(after, on: chat, from: aPublish) == .sent)
                scenario.settle()
                #expect(scenario.messages(at: bSubscribe, on: bChat).last == after)
                #expect(scenario.messages(at: cSubscribe, on: cChat).last == after)
            }
        }

        @Test("a stalled receiver that leaves lets the paused sender go; the other receiver gets everything")
        func stalledReceiverLeaves() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let cSubscribe = try scenario.join("C", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                let cChat = try #require(scenario.relayedChannel("chat", from: "A", at: cSubscribe)).id

                scenario.stall(bSubscribe)
                let sent = try Self.sendUntilBlocked(&scenario, on: chat, from: aPublish)
                #expect(scenario.isSenderPaused(aPublish))
                let queued = try #require(scenario.relay.endpoints[bSubscribe]?.relayed[RelayedChannelKey(sender: "A", label: "chat")]?.queuedCount)

                scenario.relay.detach(bSubscribe)
                #expect(!scenario.isSenderPaused(aPublish))
                #expect(scenario.relay.counters.droppedOnClose == UInt64(queued))
                let delivered = scenario.run(maximumTicks: 30_000) { $0.messages(at: cSubscribe, on: cChat).count >= sent.count }
                #expect(delivered, "C got \(scenario.messages(at: cSubscribe, on: cChat).count) of \(sent.count)")
                #expect(scenario.messages(at: cSubscribe, on: cChat) == sent)
                #expect(scenario.relay.blocking.isEmpty)
            }
        }

        @Test("a channel opened while a receiver's send buffer is full still opens there once it drains")
        func openWhileReceiverFull() async throws {
            try await UsrsctpTestLock.run {
                var scenario = RelayScenario()
                let aPublish = try scenario.join("A", publisher: true)
                let dPublish = try scenario.join("D", publisher: true)
                let bSubscribe = try scenario.join("B", publisher: false)
                let chat = try scenario.open(try DataChannelParameters(label: "chat"), from: aPublish)
                let bChat = try #require(scenario.relayedChannel("chat", from: "A", at: bSubscribe)).id

                // Fill the relay's association to B (1 MiB send buffer) while B takes nothing.
                scenario.stall(bSubscribe)
                let sent = (0..<80).map { binaryMessage(count: 16_384, seed: $0) }
                for message in sent { #expect(scenario.send(message, on: chat, from: aPublish) == .sent) }
                scenario.settle()
                #expect((scenario.relay.endpoints[bSubscribe]?.relayed[RelayedChannelKey(sender: "A", label: "chat")]?.queuedCount ?? 0) > 0,
                        "the relay's association to B should be full")

                let news = try scenario.open(try DataChannelParameters(label: "news"), from: dPublish)
                #expect(scenario.send(textMessage("headline"), on: news, from: dPublish) == .sent)
                scenario.settle()

                scenario.resume(bSubscribe)
                let opened = scenario.run(maximumTicks: 10_000) {
                    $0.relayedChannel("news", from: "D", at: bSubscribe) != nil && $0.messages(at: bSubscribe, on: bChat).count == sent.count
                }
                #expect(opened, "B never saw D's channel open")
                let bNews = try #require(scenario.relayedChannel("news", from: "D", at: bSubscribe))
                scenario.settle()
                #expect(scenario.messages(at: bSubscribe, on: bNews.id) == [textMessage("headline")])
                #expect(scenario.messages(at: bSubscribe, on: bChat) == sent)
            }
        }
    }
}
