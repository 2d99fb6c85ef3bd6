import RTCWire
import SDP
import Testing

/// The subscribe offer, written as text and parsed back by `SDPParser`.
@Suite struct SubscribeOfferTests {
    let offer: SessionDescription? = parseOrRecord(SubscribeExample.offer.sdp)

    @Test func sessionLevelLines() throws {
        let offer = try #require(offer)
        #expect(offer.origin == Origin(sessionID: "1234", sessionVersion: 7))
        #expect(offer.attributes.iceLite)
        #expect(offer.attributes.extmapAllowMixed)
        #expect(offer.attributes.msidSemantics.map(\.semantic) == ["WMS"])
        #expect(offer.attributes.msidSemantics.first?.identifiers == ["*"])
        #expect(offer.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2", "3"])
        let text = SubscribeExample.offer.sdp
        #expect(text.hasPrefix("v=0\r\no=- 1234 7 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n"))
        #expect(text.contains("\r\na=msid-semantic: WMS *\r\n"))
    }

    @Test func everySectionCarriesTheServerTransport() throws {
        let offer = try #require(offer)
        #expect(offer.media.map(\.mid?.value) == ["0", "1", "2", "3"])
        for media in offer.media {
            #expect(media.port == 40000)
            #expect(media.connection == ConnectionData(address: "127.0.0.1"))
            #expect(media.transport.iceUfrag == "sWbd")
            #expect(media.transport.icePwd == "Zk3c9Qm1Xv7Lp2Rt8Yw4Nb6H")
            #expect(media.transport.setup == .actpass)
            #expect(media.transport.fingerprints == [testLocal.fingerprint])
            #expect(media.transport.fingerprints.first?.algorithm == .sha256)
            #expect(media.candidates == [Candidate(foundation: "1", priority: 2130706431, address: "127.0.0.1", port: 40000)])
            #expect(media.endOfCandidates)
        }
        #expect(SubscribeExample.offer.sdp.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\na=end-of-candidates\r\n"))
    }

    @Test func audioTrackSection() throws {
        let audio = try #require(offer?.media.first)
        #expect(audio.kind == .audio)
        #expect(audio.proto == "UDP/TLS/RTP/SAVPF")
        #expect(audio.formats == ["111", "0", "126"])
        #expect(audio.direction == .sendonly)
        #expect(audio.rtcpMux)
        #expect(audio.rtcpReducedSize)
        #expect(audio.extensions == [ExtMap(id: 6, uri: "urn:ietf:params:rtp-hdrext:ssrc-audio-level")])
        #expect(audio.msids == [Msid(streamID: "alice", trackID: "alice-mic")])
        #expect(audio.codecs.map { $0.rtpmap?.encodingName } == ["opus", "PCMU", "telephone-event"])
        #expect(audio.codecs.first?.rtpmap?.channels == 2)
        #expect(audio.codecs.first?.parameters?.value(for: "useinbandfec") == "1")
        #expect(audio.codecs.first?.feedback == [RTCPFeedback(type: "transport-cc")])
        #expect(audio.codecs.last?.parameters?.rawValue == "0-15")
        #expect(audio.ssrcGroups.isEmpty)
        #expect(audio.ssrcs == [SSRC(1_111_111)])
        let text = SubscribeExample.offer.sdp
        #expect(text.contains("a=ssrc:1111111 cname:sfu-alice\r\na=ssrc:1111111 msid:alice alice-mic\r\n"))
    }

    @Test func videoTrackSectionWithRetransmission() throws {
        let video = try #require(offer?.media.dropFirst().first)
        #expect(video.kind == .video)
        #expect(video.formats == ["96", "97", "102", "103"])
        #expect(video.direction == .sendonly)
        #expect(video.extensions.map(\.id) == [7, 8])
        #expect(video.extensions.map(\.uri) == ["urn:3gpp:video-orientation", "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"])
        #expect(video.msids == [Msid(streamID: "alice", trackID: "alice-cam")])
        let rtx = try #require(video.codec(PayloadType(rawValue: 97)!))
        #expect(rtx.rtpmap == RTPMap(encodingName: "rtx", clockRate: 90000))
        #expect(rtx.parameters?.associatedPayloadType == PayloadType(rawValue: 96))
        #expect(rtx.feedback.isEmpty)
        #expect(video.codec(PayloadType(rawValue: 103)!)?.parameters?.rawValue == "apt=102")
        #expect(video.codec(PayloadType(rawValue: 102)!)?.parameters?.value(for: "profile-level-id") == "42e01f")
        #expect(video.codec(PayloadType(rawValue: 96)!)?.feedback.map(\.description) == ["nack", "nack pli", "ccm fir", "goog-remb"])
        #expect(video.ssrcGroups == [SSRCGroup(semantics: "FID", ssrcs: [SSRC(2_222_222), SSRC(3_333_333)])])
        #expect(video.ssrcs == [SSRC(2_222_222), SSRC(3_333_333)])
        for ssrc in [SSRC(2_222_222), SSRC(3_333_333)] {
            let attributes = video.ssrcAttributes.filter { $0.ssrc == ssrc }
            #expect(attributes.map(\.name) == ["cname", "msid"])
            #expect(attributes.map(\.value) == ["sfu-alice", "alice alice-cam"])
        }
        #expect(SubscribeExample.offer.sdp.contains("a=ssrc-group:FID 2222222 3333333\r\n"))
    }

    @Test func inactiveSectionKeepsItsPlaceAndPortWithoutStreams() throws {
        let inactive = try #require(offer?.media.dropFirst(2).first)
        #expect(inactive.kind == .video)
        #expect(inactive.mid == Mid("2"))
        #expect(inactive.port == 40000)
        #expect(inactive.direction == .inactive)
        #expect(inactive.formats == ["96", "97"])
        #expect(inactive.rtcpMux)
        #expect(inactive.ssrcAttributes.isEmpty)
        #expect(inactive.ssrcGroups.isEmpty)
        #expect(inactive.msids.isEmpty)
        #expect(inactive.extensions.isEmpty)
    }

    @Test func dataSection() throws {
        let data = try #require(offer?.media.last)
        #expect(data.kind == .application)
        #expect(data.proto == "UDP/DTLS/SCTP")
        #expect(data.formats == ["webrtc-datachannel"])
        #expect(data.sctpPort == 5000)
        #expect(data.maxMessageSize == 262_144)
        #expect(data.direction == nil)
        #expect(!data.rtcpMux)
        #expect(data.codecs.isEmpty)
    }

    @Test func offerParsesBackToTheModel() throws {
        let example = SubscribeExample.offer
        #expect(offer == example.sessionDescription)
        #expect(example.sections == SubscribeExample.sections)
        #expect(example.sections.map(\.kind) == [.audio, .video, .video, .application])
    }

    @Test func committedOfferFixtureIsWhatTheOffererWrites() throws {
        // The real answers in Fixtures/ answer this offer; if the offerer changes, regenerate them.
        let fixture = try #require(SubscribeFixture.offer.parsed())
        #expect(fixture == SubscribeExample.offer.sessionDescription)
    }

    @Test func emptyOfferHasAnEmptyBundleGroup() throws {
        let text = SubscribeOffer(sections: [], local: testLocal).sdp
        let parsed = try #require(parseOrRecord(text))
        #expect(parsed.media.isEmpty)
        #expect(parsed.attributes.bundleGroup?.mids == [])
    }

    @Test func noCandidateMeansDiscardPortAndAddress() throws {
        var local = testLocal
        local.candidates = []
        let parsed = try #require(parseOrRecord(SubscribeOffer(sections: [.data(mid: Mid("d")!)], local: local).sdp))
        #expect(parsed.media.first?.port == 9)
        #expect(parsed.media.first?.connection?.address == "0.0.0.0")
        #expect(parsed.media.first?.candidates.isEmpty == true)
    }
}
