import TestSupport
import SCTP
import Testing

extension AssociationSuite {
    @Suite("Messages")
    struct Messages {
        @Test("messages go both ways with their stream, PPID and ordering flag")
        func bothWays() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                pair.clearEvents()
                #expect(pair.client.send(Array("hello".utf8), stream: 3, ppid: 51) == .sent)
                #expect(pair.client.send([0xDE, 0xAD], stream: 1022, ppid: 53, options: SCTPSendOptions(unordered: true)) == .sent)
                #expect(pair.server.send([9], stream: 0, ppid: 50) == .sent)
                #expect(pair.server.send(patternBytes(count: 1_500, seed: 4), stream: 7, ppid: 0x1234_5678,
                                         options: SCTPSendOptions(unordered: true, reliability: .maxLifetime(milliseconds: 5_000))) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer) == [
                    SCTPMessage(stream: 3, ppid: 51, payload: Array("hello".utf8), unordered: false),
                    SCTPMessage(stream: 1022, ppid: 53, payload: [0xDE, 0xAD], unordered: true),
                ])
                #expect(pair.messages(to: .serverToClient) == [
                    SCTPMessage(stream: 0, ppid: 50, payload: [9], unordered: false),
                    SCTPMessage(stream: 7, ppid: 0x1234_5678, payload: patternBytes(count: 1_500, seed: 4), unordered: true),
                ])
                #expect(pair.client.counters.messagesSent == 2)
                #expect(pair.client.counters.messageBytesSent == 7)
                #expect(pair.server.counters.messagesReceived == 2)
                #expect(pair.server.counters.messageBytesReceived == 7)
            }
        }

        @Test("1,000 messages arrive in order, byte for byte")
        func thousandInOrder() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                let sent = (0..<1_000).map { patternBytes(count: 1 + ($0 * 37) % 3_000, seed: $0) }
                for (index, message) in sent.enumerated() {
                    #expect(pair.client.send(message, stream: UInt16(index % 4)) == .sent)
                    if index % 50 == 49 { pair.pump() }
                }
                pair.pump()
                let received = pair.messages(to: .clientToServer)
                #expect(received.count == 1_000)
                for stream in 0..<4 {
                    let expected = sent.enumerated().filter { $0.offset % 4 == stream }.map(\.element)
                    #expect(received.filter { $0.stream == UInt16(stream) }.map(\.payload) == expected)
                }
            }
        }

        @Test("large messages arrive whole", arguments: [65_536, 262_144])
        func large(_ size: Int) async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                let message = patternBytes(count: size, seed: size)
                #expect(pair.client.send(message) == .sent)
                #expect(pair.server.send(message, options: SCTPSendOptions(unordered: true)) == .sent)
                pair.run(milliseconds: 2_000)
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [message])
                #expect(pair.messages(to: .serverToClient).map(\.payload) == [message])
            }
        }

        @Test("a message above the receive limit is discarded whole and counted; the next ones arrive")
        func oversize() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(server: SCTPConfiguration(maximumMessageSize: 10_000))
                pair.establish()
                #expect(pair.client.send(patternBytes(count: 10_000, seed: 1)) == .sent)
                #expect(pair.client.send(patternBytes(count: 10_001, seed: 2)) == .sent)
                #expect(pair.client.send(patternBytes(count: 100_000, seed: 3)) == .sent)
                #expect(pair.client.send(patternBytes(count: 20, seed: 4)) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [
                    patternBytes(count: 10_000, seed: 1), patternBytes(count: 20, seed: 4),
                ])
                #expect(pair.server.counters.oversizeMessages == 2)
                #expect(pair.server.state == .established)
                #expect(pair.server.send([7]) == .sent)
                pair.pump()
                #expect(pair.messages(to: .serverToClient).map(\.payload) == [[7]])
            }
        }

        @Test("maxRetransmits 0: a lost packet loses its message only; later messages and the association go on")
        func partialReliability() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(client: .fastRetransmission, server: .fastRetransmission)
                pair.establish()
                let lost = patternBytes(count: 200, seed: 9)
                var dropped = 0
                pair.filter = { direction, packet in
                    // Drop the first packet that carries the lost message's bytes.
                    guard direction == .clientToServer, dropped == 0, packet.count > 200,
                          Array(packet.suffix(200)) == lost else { return true }
                    dropped += 1
                    return false
                }
                let unreliable = SCTPSendOptions(unordered: false, reliability: .maxRetransmits(0))
                #expect(pair.client.send([1], stream: 2, options: unreliable) == .sent)
                pair.pump()
                #expect(pair.client.send(lost, stream: 2, options: unreliable) == .sent)
                pair.pump()
                #expect(pair.client.send([3], stream: 2, options: unreliable) == .sent)
                pair.run(milliseconds: 2_000, step: 20, inRealTime: true) { pair.messages(to: .clientToServer).count == 2 }
                #expect(dropped == 1)
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [[1], [3]])
                #expect(pair.client.state == .established)
                #expect(pair.server.state == .established)
                #expect(pair.client.send([4], stream: 2) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload).last == [4])
            }
        }

        @Test("a reliable message survives lost packets (fast retransmission and the T3 timer)")
        func retransmission() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(client: .fastRetransmission, server: .fastRetransmission)
                pair.establish()
                var dataPackets = 0
                pair.filter = { direction, packet in
                    guard direction == .clientToServer, packet.count > 1_000 else { return true }
                    dataPackets += 1
                    return dataPackets % 3 != 1
                }
                let message = patternBytes(count: 30_000, seed: 5)
                #expect(pair.client.send(message) == .sent)
                pair.run(milliseconds: 4_000, step: 20, inRealTime: true) { !pair.messages(to: .clientToServer).isEmpty }
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [message])
                #expect(dataPackets >= 35, "the dropped DATA was sent again")
            }
        }

        @Test("bufferedAmount counts queued bytes until the peer acknowledges them")
        func bufferedAmount() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                #expect(pair.client.bufferedAmount == 0)
                pair.establish()
                #expect(pair.client.bufferedAmount == 0)
                #expect(pair.client.send(patternBytes(count: 50_000, seed: 6)) == .sent)
                #expect(pair.client.bufferedAmount >= 50_000)
                pair.run(milliseconds: 1_000)
                #expect(pair.client.bufferedAmount == 0)
            }
        }

        @Test("send refuses what it cannot queue, with a clear result")
        func sendResults() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(client: SCTPConfiguration(maximumMessageSize: 65_536, sendBufferSize: 65_536, outboundStreams: 16))
                #expect(pair.client.send([1]) == .notEstablished)
                pair.establish()
                #expect(pair.client.send([]) == .emptyPayload)
                #expect(pair.client.send([1], stream: 16) == .invalidStream)
                #expect(pair.client.send([1], stream: 15) == .sent)
                #expect(pair.client.send(patternBytes(count: 65_537, seed: 1)) == .tooLarge)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.stream) == [15])
            }
        }
    }
}
