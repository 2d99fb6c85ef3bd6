import LoadDataChannels
import LoadModel
import SCTP
import SFUCore
import Testing
import TestSupport

/// Load peers against the server's real data-channel relay and real usrsctp, on fake time.
@Suite("DataChannelLoadPeer through the relay", .serialized)
struct DataChannelLoadPeerRelayTests {
    static let stream = ProbeStreamID(rawValue: 7)

    /// A publisher (200 messages/s of 300 bytes) and two subscribers, one of each DTLS role,
    /// with every association up and the publisher's channel acknowledged.
    static func publisherAndTwoSubscribers(
        _ network: inout LoadRelayNetwork, profile: DataChannelProfile = DataChannelProfile(messagesPerSecond: 200, messageBytes: 300)
    ) throws -> (publisher: UInt64, subscribers: [UInt64]) {
        let publisher = try network.join("P", sends: profile, stream: stream)
        let first = try network.join("S1", peerIsDTLSClient: true)
        let second = try network.join("S2", peerIsDTLSClient: false)
        let up = network.run { network in
            network.peers.values.allSatisfy(\.isEstablished) && network.peers[publisher]?.isSending == true
        }
        #expect(up, "the associations or the publisher's channel did not come up")
        return (publisher, [first, second])
    }

    @Test("One second of messages reaches both subscribers once each, in order, with delays; stopSending stops")
    func fanOut() async throws {
        try await UsrsctpTestLock.run {
            var network = LoadRelayNetwork()
            let (publisher, subscribers) = try Self.publisherAndTwoSubscribers(&network)
            let start = try #require(network.peers[publisher]?.sendingSince)

            #expect(network.run { $0.now >= start + 1_000_000_000 })
            network.peers[publisher]?.stopSending()
            let stoppedAt = network.now
            network.run(ticks: 100)

            // Messages are due every 5 ms from `start`; the last tick before stopping sent all
            // due by then.
            let expected = UInt64((stoppedAt - start) * 200 / 1_000_000_000) + 1
            let sender = try #require(network.peers[publisher])
            #expect(sender.sender == SenderRecord(stream: Self.stream, packetsSent: expected, packetsDropped: 0))
            #expect(!sender.isSending)
            #expect(sender.traffic.dataMessagesSent == expected)
            #expect(sender.traffic.dataBytesSent == expected * 300)
            #expect(sender.traffic.dataMessagesReceived == 0)
            #expect(sender.receptions.isEmpty)
            #expect(sender.firstMessageSentAt.map { $0 >= start } == true)

            for serial in subscribers {
                let subscriber = try #require(network.peers[serial])
                #expect(subscriber.sender == nil)
                #expect(subscriber.traffic.dataMessagesReceived == expected)
                #expect(subscriber.traffic.dataBytesReceived == expected * 300)
                #expect(subscriber.traffic.dataMessagesSent == 0)
                #expect(subscriber.receptions.count == 1)
                let reception = try #require(subscriber.receptions.first)
                #expect(reception.stream == Self.stream)
                #expect(reception.uniquePackets == expected)
                #expect(reception.firstSequence == 0)
                #expect(reception.highestSequence == expected - 1)
                #expect(reception.reordered == 0)
                #expect(reception.duplicates == 0)
                #expect(reception.tooLate == 0)
                #expect(subscriber.drops == DataChannelLoadDrops())
            }
            #expect(network.delays.count == 2 * expected)
            #expect(network.delays.maximumNanoseconds < 1_000_000_000)
            #expect(network.relay.counters.messagesRelayed == 2 * expected)
            #expect(network.relay.counters.bytesRelayed == 2 * expected * 300)
            #expect(network.relay.protocolDrops == DataChannelProtocolDrops())
            #expect(network.peers[publisher]?.drops == DataChannelLoadDrops())
        }
    }

    @Test("A publisher stopped before its channel is acknowledged never sends")
    func stopBeforeOpen() async throws {
        try await UsrsctpTestLock.run {
            var network = LoadRelayNetwork()
            let publisher = try network.join("P", sends: DataChannelProfile(messagesPerSecond: 100, messageBytes: 50), stream: Self.stream)
            let subscriber = try network.join("S")
            network.peers[publisher]?.stopSending()
            network.run(ticks: 100)
            #expect(network.peers[publisher]?.isEstablished == true)
            #expect(network.peers[subscriber]?.isEstablished == true)
            #expect(network.peers[publisher]?.sendingSince != nil)
            #expect(network.peers[publisher]?.isSending == false)
            #expect(network.peers[publisher]?.sender?.packetsSent == 0)
            #expect(network.peers[subscriber]?.traffic.dataMessagesReceived == 0)
            #expect(network.delays.count == 0)
        }
    }

    @Test("Malformed SCTP input is counted, never traps, and the association keeps working")
    func malformedInput() async throws {
        try await UsrsctpTestLock.run {
            var network = LoadRelayNetwork()
            let (publisher, subscribers) = try Self.publisherAndTwoSubscribers(&network)
            let target = subscribers[0]

            network.recordsPackets = true
            network.run(ticks: 20)
            network.recordsPackets = false
            let seeds = network.recordedPackets
            #expect(!seeds.isEmpty)

            // Never fed to usrsctp before start: counted apart.
            var idle = try DataChannelLoadPeer(isDTLSClient: true, sends: nil, stream: nil, remoteMaxMessageSize: 0)
            seeds[0].withUnsafeBytes { idle.handleSCTPPacket($0, now: network.now) }
            #expect(idle.drops.packetsBeforeStart == 1)
            #expect(idle.drops.malformedPackets == 0)

            let now = network.now
            // Wholly random bytes never pass the ports and CRC-32C checks.
            var random = SplitMix64(seed: 0x5EED)
            for _ in 0..<500 {
                let bytes = (0..<Int.random(in: 0...1_500, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes.withUnsafeBytes { network.peers[target]?.handleSCTPPacket($0, now: now) }
            }
            network.peers[target]?.handleSCTPPacket(UnsafeRawBufferPointer(start: nil, count: 0), now: now)
            #expect(network.peers[target]?.drops.malformedPackets == 501)

            // Mutations of the packets the relay really sent (a mutation may by chance leave a
            // packet intact: that one reaches usrsctp as a duplicate).
            forEachMutatedPacket(count: 500, seed: 0xBAD, seeds: seeds) { bytes in
                network.peers[target]?.handleSCTPPacket(UnsafeRawBufferPointer(bytes), now: now)
            }
            let malformed = network.peers[target]?.drops.malformedPackets ?? 0
            #expect(malformed >= 501 + 450 && malformed <= 1_001)

            // Still up: what the publisher sends next reaches the target with no gap.
            let before = network.peers[publisher]?.sender?.packetsSent ?? 0
            network.run(ticks: 50)
            network.peers[publisher]?.stopSending()
            network.run(ticks: 50)
            let sent = network.peers[publisher]?.sender?.packetsSent ?? 0
            #expect(sent > before)
            let reception = network.peers[target]?.receptions.first
            #expect(reception?.uniquePackets == sent)
            #expect(reception?.highestSequence == sent - 1)
            #expect(network.peers[target]?.isEstablished == true)
        }
    }
}
