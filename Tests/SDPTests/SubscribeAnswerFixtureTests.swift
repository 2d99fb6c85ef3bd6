import RTCWire
import SDP
import Testing

/// Real answers from aiortc and headless Chromium to the example subscribe offer, read by
/// `SubscribeAnswerReader`.
@Suite struct SubscribeAnswerFixtureTests {
    static func pts(_ numbers: [UInt8]) -> [PayloadType] { numbers.compactMap(PayloadType.init(rawValue:)) }

    @Test func aiortcAnswer() throws {
        let answer = try #require(SubscribeFixture.aiortcAnswer.parsed())
        let read = try #require(readOrRecord(answer))
        #expect(read.remoteTransport.setup == .active)
        #expect(read.remoteTransport.iceUfrag == "KH8k")
        #expect(read.remoteTransport.icePwd == "m36sCBIiq1vb9YHrllvtYb")
        #expect(read.remoteTransport.fingerprints.map(\.algorithm) == [.sha256, .sha384, .sha512])
        #expect(read.remoteTransport.candidates.map(\.address) == ["127.0.0.1"])
        #expect(read.remoteTransport.candidates.first?.port == 60669)
        #expect(read.remoteTransport.endOfCandidates)
        #expect(!read.remoteTransport.iceLite)

        #expect(read.sections.map(\.mid.value) == ["0", "1", "2", "3"])
        #expect(read.sections.map(\.kind) == [.audio, .video, .video, .application])
        #expect(read.sections.map(\.isReceiving) == [true, true, false, false])
        // aiortc has no telephone-event: it keeps Opus and PCMU only.
        #expect(read.sections[0].payloadTypes == Self.pts([111, 0]))
        #expect(read.sections[0].extensionIDs == [6])
        #expect(!read.sections[0].acceptsRetransmission)
        // It keeps both video codecs with their RTX, but none of the video extensions.
        #expect(read.sections[1].payloadTypes == Self.pts([96, 97, 102, 103]))
        #expect(read.sections[1].extensionIDs == [])
        #expect(read.sections[1].acceptsRetransmission)
        #expect(read.sections[2].payloadTypes == Self.pts([96, 97]))
        #expect(read.sections[3].payloadTypes.isEmpty)
        #expect(read.sections[3].dataChannel?.remoteSCTPPort == 5000)
        #expect(read.sections[3].dataChannel?.remoteMaxMessageSize == 262_144)
        #expect(read.sections[0..<3].allSatisfy { $0.dataChannel == nil })
    }

    @Test func chromiumAnswer() throws {
        let answer = try #require(SubscribeFixture.chromiumAnswer.parsed())
        let read = try #require(readOrRecord(answer))
        #expect(read.remoteTransport.setup == .active)
        #expect(read.remoteTransport.iceUfrag == "T2rj")
        #expect(read.remoteTransport.icePwd == "S9C85XcQDyLki4TRN+MTHv+z")
        #expect(read.remoteTransport.iceOptions == ["trickle"])
        #expect(read.remoteTransport.fingerprints.map(\.algorithm) == [.sha256])
        // Chromium hides its host addresses behind mDNS names.
        #expect(read.remoteTransport.candidates.count == 2)
        #expect(read.remoteTransport.candidates.allSatisfy { $0.address.hasSuffix(".local") })
        #expect(!read.remoteTransport.endOfCandidates)

        #expect(read.sections.map(\.mid.value) == ["0", "1", "2", "3"])
        #expect(read.sections.map(\.isReceiving) == [true, true, false, false])
        #expect(read.sections[0].payloadTypes == Self.pts([111, 0, 126]))
        #expect(read.sections[0].extensionIDs == [6])
        #expect(!read.sections[0].acceptsRetransmission)
        #expect(read.sections[1].payloadTypes == Self.pts([96, 97, 102, 103]))
        #expect(read.sections[1].extensionIDs == [7, 8])
        #expect(read.sections[1].acceptsRetransmission)
        #expect(read.sections[2].payloadTypes == Self.pts([96, 97]))
        #expect(read.sections[2].extensionIDs == [])
        #expect(read.sections[3].dataChannel?.remoteSCTPPort == 5000)
        #expect(read.sections[3].dataChannel?.remoteMaxMessageSize == 262_144)
    }

    @Test(arguments: [SubscribeFixture.aiortcAnswer, .chromiumAnswer])
    func answersKeepTheOfferedSectionsInOrder(_ fixture: SubscribeFixture) throws {
        let answer = try #require(fixture.parsed())
        let offer = SubscribeExample.offer.sessionDescription
        #expect(answer.media.map(\.mid) == offer.media.map(\.mid))
        #expect(answer.attributes.bundleGroup?.mids == offer.attributes.bundleGroup?.mids)
        #expect(answer.media.map { $0.effectiveDirection(session: answer.attributes) }.prefix(3) == [.recvonly, .recvonly, .inactive])
    }
}
