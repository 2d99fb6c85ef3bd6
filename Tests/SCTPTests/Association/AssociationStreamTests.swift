import TestSupport
import SCTP
import Testing

extension AssociationSuite {
    @Suite("Stream reset and back-pressure")
    struct Streams {
        @Test("resetting outgoing streams: the peer sees incomingStreamsReset, this end outgoingStreamsReset")
        func streamReset() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                #expect(pair.client.send([1], stream: 4) == .sent)
                #expect(pair.client.send([2], stream: 4) == .sent)
                #expect(pair.client.resetOutgoingStreams([4, 9]))
                pair.pump()
                // usrsctp resets stream 9 at once and stream 4 once its data is acknowledged:
                // each completion is its own event.
                var incoming: [UInt16] = []
                var outgoing: [UInt16] = []
                for event in pair.serverEvents {
                    if case .incomingStreamsReset(let streams) = event { incoming += streams }
                }
                for event in pair.clientEvents {
                    if case .outgoingStreamsReset(let streams) = event { outgoing += streams }
                }
                #expect(incoming.sorted() == [4, 9])
                #expect(outgoing.sorted() == [4, 9])
                // Data queued on a stream before its reset is delivered before the reset.
                let streamFour = pair.serverEvents.filter {
                    switch $0 {
                    case .message(let message): message.stream == 4
                    case .incomingStreamsReset(let streams): streams.contains(4)
                    default: false
                    }
                }
                #expect(streamFour == [
                    .message(SCTPMessage(stream: 4, ppid: 53, payload: [1], unordered: false)),
                    .message(SCTPMessage(stream: 4, ppid: 53, payload: [2], unordered: false)),
                    .incomingStreamsReset([4]),
                ])
                // The stream is usable again, its sequence numbers restarted.
                #expect(pair.client.send([3], stream: 4) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [[1], [2], [3]])
                #expect(pair.client.counters.failedStreamResets == 0)
            }
        }

        @Test("resetOutgoingStreams refuses what it cannot request")
        func streamResetRefused() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(server: SCTPConfiguration(inboundStreams: 8))
                #expect(!pair.client.resetOutgoingStreams([1]), "not established")
                pair.establish()
                #expect(!pair.client.resetOutgoingStreams([]))
                #expect(!pair.client.resetOutgoingStreams([8]), "the server granted streams 0...7")
                #expect(pair.client.resetOutgoingStreams([7]))
            }
        }

        @Test("paused reading fills the windows: the sender gets wouldBlock; resuming delivers everything, in order")
        func backPressure() async throws {
            try await UsrsctpTestLock.run {
                let configuration = SCTPConfiguration(sendBufferSize: 262_144, receiveBufferSize: 131_072)
                let pair = try AssociationPair(client: configuration, server: configuration)
                pair.establish()
                pair.server.isReadingPaused = true
                var sent: [[UInt8]] = []
                var blocked = false
                for index in 0..<1_000 {
                    let message = patternBytes(count: 4_000, seed: index)
                    let result = pair.client.send(message)
                    if result == .wouldBlock {
                        blocked = true
                        break
                    }
                    #expect(result == .sent)
                    sent.append(message)
                    pair.pump()
                }
                pair.run(milliseconds: 3_000, step: 100)
                #expect(blocked)
                #expect(pair.client.counters.wouldBlockSends == 1)
                #expect(pair.messages(to: .clientToServer).isEmpty, "nothing is read while paused")
                #expect(sent.count * 4_000 > 262_144, "the receive window filled, then the send buffer")
                #expect(pair.client.bufferedAmount > 200_000)

                pair.server.isReadingPaused = false
                pair.server.readPending()
                pair.run(milliseconds: 3_000, step: 20)
                #expect(pair.clientEvents.contains(.sendBufferAvailable))
                let resumedFrom = sent.count
                for index in resumedFrom..<(resumedFrom + 50) {
                    let message = patternBytes(count: 4_000, seed: index)
                    #expect(pair.client.send(message) == .sent)
                    sent.append(message)
                    pair.pump()
                }
                pair.run(milliseconds: 1_000, step: 20)
                let received = pair.messages(to: .clientToServer).map(\.payload)
                #expect(received.count == sent.count)
                #expect(received == sent, "every message arrived, in order")
            }
        }
    }
}
