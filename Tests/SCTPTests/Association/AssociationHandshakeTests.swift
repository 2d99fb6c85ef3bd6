import TestSupport
import SCTP
import Testing

extension AssociationSuite {
    @Suite("Handshake, close and abort")
    struct Handshake {
        @Test("both ends connect (INIT collision): each reports established once, with the streams asked for")
        func establish() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair(
                    client: SCTPConfiguration(localPort: 5000, remotePort: 5001, outboundStreams: 300, inboundStreams: 1024),
                    server: SCTPConfiguration(localPort: 5001, remotePort: 5000, outboundStreams: 1024, inboundStreams: 200))
                #expect(pair.client.state == .idle)
                pair.establish()
                #expect(pair.clientEvents == [.established])
                #expect(pair.serverEvents == [.established])
                #expect(pair.client.state == .established)
                #expect(pair.server.state == .established)
                // Each direction gets the smaller of what the sender asks and the receiver takes.
                #expect(pair.client.outboundStreamCount == 200)
                #expect(pair.server.inboundStreamCount == 200)
                #expect(pair.server.outboundStreamCount == 1024)
                #expect(pair.client.inboundStreamCount == 1024)
                #expect(pair.client.counters.packetsSent > 0)
                #expect(pair.client.counters.packetsSent == pair.server.counters.packetsReceived)
                #expect(pair.client.counters.malformedPackets == 0)
            }
        }

        @Test("one end connects, the other answers once it connects too")
        func oneSideFirst() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.server.connect()
                let initPackets = pair.pump()
                #expect(initPackets == 1, "the INIT waits: the client has not connected")
                #expect(pair.server.state == .connecting)
                pair.client.connect()
                pair.pump()
                #expect(pair.client.state == .established)
                #expect(pair.server.state == .established)
            }
        }

        @Test("every packet, handshake and data, fits maximumPacketSize", arguments: [600, 1200])
        func packetSize(_ size: Int) async throws {
            try await UsrsctpTestLock.run {
                let configuration = SCTPConfiguration(maximumPacketSize: size)
                let pair = try AssociationPair(client: configuration, server: configuration)
                pair.establish()
                #expect(pair.client.send(patternBytes(count: 20_000, seed: 1)) == .sent)
                #expect(pair.server.send(patternBytes(count: 5_000, seed: 2)) == .sent)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [patternBytes(count: 20_000, seed: 1)])
                let largest = pair.delivered.map(\.1.count).max() ?? 0
                #expect(largest <= size)
                #expect(largest > size - 100, "DATA fills packets up to the configured size")
            }
        }

        @Test("packets given before connect() are dropped, and the handshake still completes")
        func packetsBeforeConnect() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.client.connect()
                pair.pump()
                #expect(pair.server.counters.packetsReceived == 0)
                #expect(pair.client.state == .connecting)
                pair.server.connect()
                pair.run(milliseconds: 5_000, step: 100)
                #expect(pair.client.state == .established, "the client's INIT was retransmitted")
                #expect(pair.server.state == .established)
            }
        }

        @Test("close() shuts down gracefully: both ends report closed(.shutdown), after pending data")
        func gracefulClose() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                #expect(pair.client.send(patternBytes(count: 3_000, seed: 3)) == .sent)
                pair.client.close()
                #expect(pair.client.state == .shuttingDown)
                #expect(pair.client.send([1]) == .notEstablished)
                pair.pump()
                #expect(pair.messages(to: .clientToServer).map(\.payload) == [patternBytes(count: 3_000, seed: 3)])
                #expect(pair.clientEvents.last == .closed(.shutdown))
                #expect(pair.serverEvents.last == .closed(.shutdown))
                #expect(pair.client.state == .closed)
                #expect(pair.server.state == .closed)
                #expect(pair.clientEvents.filter { if case .closed = $0 { true } else { false } }.count == 1)
                pair.client.close()
                pair.client.abort()
                pair.collectEvents()
                #expect(pair.clientEvents.last == .closed(.shutdown), "nothing follows .closed")
            }
        }

        @Test("abort() sends ABORT: this end reports closed(.aborted), the peer closed(.abortedByPeer)")
        func abort() async throws {
            try await UsrsctpTestLock.run {
                let pair = try AssociationPair()
                pair.establish()
                pair.server.abort()
                #expect(pair.server.state == .closed)
                pair.pump()
                #expect(pair.serverEvents.last == .closed(.aborted))
                #expect(pair.clientEvents.last == .closed(.abortedByPeer))
                #expect(pair.client.state == .closed)
                #expect(pair.client.send([1]) == .notEstablished)
            }
        }

        @Test("a silent peer: the handshake gives up (cannotStart), an established association is lost")
        func silentPeer() async throws {
            try await UsrsctpTestLock.run {
                let starting = try AssociationPair()
                starting.filter = { _, _ in false }
                starting.client.connect()
                starting.run(milliseconds: 20 * 60_000, step: 1_000)
                #expect(starting.clientEvents == [.closed(.cannotStart)])
                #expect(starting.client.state == .failed)

                let established = try AssociationPair()
                established.establish()
                established.filter = { direction, _ in direction == .serverToClient }
                #expect(established.client.send([1, 2, 3]) == .sent)
                established.run(milliseconds: 20 * 60_000, step: 1_000)
                #expect(established.clientEvents.last == .closed(.communicationLost))
                #expect(established.client.state == .failed)
            }
        }

        @Test("a released association leaves the stack; usrsctp's last packets for it are dropped")
        func release() async throws {
            try await UsrsctpTestLock.run {
                let before = SCTPStack.associationCount
                var pair: AssociationPair? = try AssociationPair()
                #expect(SCTPStack.associationCount == before + 2)
                pair?.establish()
                let unrouted = SCTPStack.unroutedPackets
                pair = nil
                #expect(SCTPStack.associationCount == before)
                #expect(SCTPStack.unroutedPackets > unrouted, "the ABORTs of the closing sockets went nowhere")
            }
        }

        @Test("configuration values out of range are refused with the setting's name")
        func invalidConfiguration() async throws {
            #expect(throws: SCTPError.invalidSetting(name: "localPort", value: 0, allowed: 1...65_535)) {
                try SCTPConfiguration(localPort: 0).validate()
            }
            #expect(throws: SCTPError.invalidSetting(name: "maximumPacketSize", value: 100, allowed: SCTPConfiguration.packetSizeRange)) {
                try SCTPConfiguration(maximumPacketSize: 100).validate()
            }
            #expect(throws: SCTPError.invalidSetting(name: "sendBufferSize", value: 100_000, allowed: 262_144...(64 << 20))) {
                try SCTPConfiguration(sendBufferSize: 100_000).validate()
            }
            #expect(throws: SCTPError.invalidSetting(name: "outboundStreams", value: 0, allowed: 1...65_535)) {
                try SCTPConfiguration(outboundStreams: 0).validate()
            }
            await UsrsctpTestLock.run {
                #expect(throws: SCTPError.invalidSetting(name: "inboundStreams", value: 70_000, allowed: 1...65_535)) {
                    _ = try SCTPAssociation(configuration: SCTPConfiguration(inboundStreams: 70_000))
                }
            }
            let message = SCTPError.invalidSetting(name: "maximumPacketSize", value: 100, allowed: 512...16_384).description
            #expect(message == "SCTP setting maximumPacketSize = 100 is outside 512...16384")
        }
    }
}
