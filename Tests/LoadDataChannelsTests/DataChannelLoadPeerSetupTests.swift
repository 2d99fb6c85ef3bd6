import LoadDataChannels
import LoadModel
import SCTP
import Testing
import TestSupport

@Suite("DataChannelLoadPeer setup", .serialized)
struct DataChannelLoadPeerSetupTests {
    @Test("Errors describe themselves")
    func descriptions() {
        #expect(DataChannelLoadError.association("no").description == "data-channel association: no")
        #expect(DataChannelLoadError.missingProbeStream.description == "a data-channel sender needs a probe stream id")
        #expect(DataChannelLoadError.invalidMessageRate(0).description == "data-channel message rate 0/s is not positive")
        #expect(DataChannelLoadError.invalidMessageSize(bytes: 10, minimum: 24, maximum: 100).description
            == "data-channel messages of 10 bytes are outside 24...100 bytes")
    }

    @Test("A sender's profile and stream are checked before any association is made")
    func refusesBadSenders() async {
        await UsrsctpTestLock.run {
            let before = SCTPStack.associationCount
            let good = DataChannelProfile(messagesPerSecond: 10, messageBytes: 100)
            #expect(throws: DataChannelLoadError.missingProbeStream) {
                _ = try DataChannelLoadPeer(isDTLSClient: true, sends: good, stream: nil, remoteMaxMessageSize: 262_144)
            }
            #expect(throws: DataChannelLoadError.invalidMessageRate(0)) {
                _ = try DataChannelLoadPeer(
                    isDTLSClient: true, sends: DataChannelProfile(messagesPerSecond: 0, messageBytes: 100),
                    stream: ProbeStreamID(rawValue: 1), remoteMaxMessageSize: 262_144)
            }
            #expect(throws: DataChannelLoadError.invalidMessageSize(bytes: 23, minimum: 24, maximum: 262_144)) {
                _ = try DataChannelLoadPeer(
                    isDTLSClient: true, sends: DataChannelProfile(messagesPerSecond: 10, messageBytes: 23),
                    stream: ProbeStreamID(rawValue: 1), remoteMaxMessageSize: 262_144)
            }
            #expect(throws: DataChannelLoadError.invalidMessageSize(bytes: 1_001, minimum: 24, maximum: 1_000)) {
                _ = try DataChannelLoadPeer(
                    isDTLSClient: true, sends: DataChannelProfile(messagesPerSecond: 10, messageBytes: 1_001),
                    stream: ProbeStreamID(rawValue: 1), remoteMaxMessageSize: 1_000)
            }
            #expect(SCTPStack.associationCount == before)
        }
    }

    @Test("usrsctp refusing the association (a bad port) is an association error")
    func associationFailure() async {
        await UsrsctpTestLock.run {
            #expect(throws: DataChannelLoadError.association(
                SCTPError.invalidSetting(name: "localPort", value: 0, allowed: 1...65_535).description)) {
                _ = try DataChannelLoadPeer(isDTLSClient: false, sends: nil, stream: nil, remoteMaxMessageSize: 0, localPort: 0)
            }
        }
    }

    @Test("The stack starts, leaves no association behind; a fresh peer reports nothing yet")
    func stackAndFreshPeer() async throws {
        try await UsrsctpTestLock.run {
            let before = SCTPStack.associationCount
            try DataChannelLoadStack.start()
            #expect(SCTPStack.associationCount == before)

            let profile = DataChannelProfile(messagesPerSecond: 10, messageBytes: 100)
            let sender = try DataChannelLoadPeer(
                isDTLSClient: true, sends: profile, stream: ProbeStreamID(rawValue: 3), remoteMaxMessageSize: 0)
            let receiver = try DataChannelLoadPeer(isDTLSClient: false, sends: nil, stream: ProbeStreamID(rawValue: 4), remoteMaxMessageSize: 0)
            #expect(SCTPStack.associationCount == before + 2)
            #expect(sender.sender == SenderRecord(stream: ProbeStreamID(rawValue: 3), packetsSent: 0, packetsDropped: 0))
            #expect(receiver.sender == nil)
            #expect(!sender.isEstablished && !sender.isSending && sender.sendingSince == nil)
            #expect(sender.pollSCTPPacket() == nil)
            #expect(sender.traffic == TrafficCounters())
            #expect(receiver.receptions.isEmpty)
        }
    }
}
