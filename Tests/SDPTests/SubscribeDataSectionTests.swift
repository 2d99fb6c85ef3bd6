import RTCWire
import SDP
import Testing

/// The data section of subscribe offers (alone, or kept in place among tracks across
/// renegotiations) and of real answers to them, accepted and rejected.
@Suite struct SubscribeDataSectionTests {
    @Test func dataOnlyOfferHasOneBundledDataSection() throws {
        let offer = try #require(parseOrRecord(SubscribeDataExample.offer.sdp))
        #expect(offer == SubscribeDataExample.offer.sessionDescription)
        #expect(offer.attributes.iceLite)
        #expect(offer.attributes.bundleGroup?.mids == [Mid("0")!])
        #expect(offer.media.count == 1)
        let data = try #require(offer.media.first)
        #expect(data.kind == .application)
        #expect(data.port == 40000)
        #expect(data.proto == "UDP/DTLS/SCTP")
        #expect(data.formats == ["webrtc-datachannel"])
        #expect(data.sctpPort == 5000)
        #expect(data.maxMessageSize == 262_144)
        #expect(data.transport.setup == .actpass)
        #expect(data.transport.iceUfrag == "sWbd")
    }

    @Test func committedDataOfferFixtureIsWhatTheOffererWrites() throws {
        // The real answers subscribe-data-*-answer answer this offer; if the offerer changes, regenerate them.
        let fixture = try #require(SubscribeFixture.dataOffer.parsed())
        #expect(fixture == SubscribeDataExample.offer.sessionDescription)
    }

    @Test func renegotiatedOfferKeepsTheDataSectionInPlace() throws {
        // The example offer after its tracks ended and a new one came: the ended sections stay
        // inactive, the data section stays at index 3 with mid 3, the new track comes after it.
        let audio = SubscribeExample.audio
        var newAudio = audio
        newAudio.mid = Mid("4")!
        newAudio.ssrc = SSRC(4_444_444)
        newAudio.streamID = "bob"
        newAudio.trackID = "bob-mic"
        let sections: [SubscribeSection] = [
            .inactive(mid: audio.mid, kind: .audio, codecs: audio.codecs),
            .inactive(mid: Mid("1")!, kind: .video, codecs: SubscribeExample.video.codecs),
            .inactive(mid: Mid("2")!, kind: .video, codecs: [SubscribeExample.vp8]),
            .data(mid: Mid("3")!),
            .track(newAudio),
        ]
        let offer = SubscribeOffer(sections: sections, local: testLocal)
        let parsed = try #require(parseOrRecord(offer.sdp))
        #expect(parsed == offer.sessionDescription)
        #expect(parsed.media.map(\.kind) == [.audio, .video, .video, .application, .audio])
        #expect(parsed.media.map { $0.mid?.value } == ["0", "1", "2", "3", "4"])
        #expect(parsed.media.map(\.direction) == [.inactive, .inactive, .inactive, nil, .sendonly])
        #expect(parsed.media[3].formats == ["webrtc-datachannel"])
        #expect(parsed.media[3].sctpPort == 5000)
        #expect(parsed.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2", "3", "4"])
        // Its sections, compared with the first offer's: the data section did not move.
        #expect(SubscribeExample.offer.sessionDescription.media[3] == parsed.media[3])
    }

    @Test(arguments: [SubscribeFixture.aiortcDataAnswer, .chromiumDataAnswer])
    func realAnswersToTheDataOnlyOffer(_ fixture: SubscribeFixture) throws {
        let answer = try #require(fixture.parsed())
        let read = try #require(readOrRecord(answer, offer: SubscribeDataExample.offer.sessionDescription))
        #expect(read.remoteTransport.setup == .active)
        #expect(!read.remoteTransport.fingerprints.isEmpty)
        #expect(read.sections.count == 1)
        let data = try #require(read.sections.first)
        #expect(data.kind == .application)
        #expect(data.mid == Mid("0"))
        #expect(!data.isReceiving)
        #expect(data.payloadTypes.isEmpty)
        #expect(data.dataChannel?.remoteSCTPPort == 5000)
        #expect(data.dataChannel?.remoteMaxMessageSize == 262_144)
    }

    @Test func realAnswerCredentials() throws {
        let offer = SubscribeDataExample.offer.sessionDescription
        let aiortcAnswer = try #require(SubscribeFixture.aiortcDataAnswer.parsed())
        let aiortc = try #require(readOrRecord(aiortcAnswer, offer: offer))
        #expect(aiortc.remoteTransport.iceUfrag == "k2G4")
        #expect(aiortc.remoteTransport.candidates.map(\.address) == ["127.0.0.1"])
        let chromiumAnswer = try #require(SubscribeFixture.chromiumDataAnswer.parsed())
        let chromium = try #require(readOrRecord(chromiumAnswer, offer: offer))
        #expect(chromium.remoteTransport.iceUfrag == "XTFG")
        #expect(chromium.remoteTransport.iceOptions == ["trickle"])
        #expect(chromium.remoteTransport.candidates.allSatisfy { $0.address.hasSuffix(".local") })
    }

    @Test(arguments: [SubscribeFixture.aiortcAnswerDataRejected, .chromiumAnswerDataRejected])
    func answersThatRejectTheDataSection(_ fixture: SubscribeFixture) throws {
        let answer = try #require(fixture.parsed())
        #expect(answer.media[3].port == 0)
        #expect(answer.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2"])
        let read = try #require(readOrRecord(answer))
        #expect(read.sections.map(\.mid.value) == ["0", "1", "2", "3"])
        #expect(read.sections.map(\.kind) == [.audio, .video, .video, .application])
        #expect(read.sections.allSatisfy { $0.dataChannel == nil })
        #expect(read.sections[3].payloadTypes.isEmpty)
        // The tracks are read as in the answer that accepts the data section.
        #expect(read.sections.map(\.isReceiving) == [true, true, false, false])
        #expect(read.sections[1].acceptsRetransmission)
    }

    @Test func rejectingTheOnlyDataSectionLeavesNoTransport() throws {
        let text = replacing(
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", with: "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
            in: SubscribeFixture.chromiumDataAnswer.text)
        let answer = try #require(parseOrRecord(text))
        let result = SubscribeAnswerReader.read(answer: answer, offer: SubscribeDataExample.offer.sessionDescription)
        #expect(result == .failure(.noAcceptedSection))
    }

    @Test func acceptedDataSectionWithoutAPortIsRefused() throws {
        let text = replacing("a=sctp-port:5000", with: "a=sctp-port:0", in: SubscribeFixture.chromiumAnswer.text)
        let error = try #require(subscribeAnswerError(text))
        #expect(error == .sctpPortInvalid(mid: Mid("3")!))
        #expect(error.description.hasPrefix("m-section mid 3 answers a=sctp-port:0;"))
    }
}
