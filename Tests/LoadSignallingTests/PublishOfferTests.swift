import LoadModel
import LoadSignalling
import RTCWire
import SDP
import Testing

@Suite struct PublishOfferTests {
    @Test func audioVideoAndDataMakeOneBundleOfThreeSections() throws {
        let local = TestTransports.local(port: 41_234)
        let text = PeerSDP.publishOffer(local: local, streams: [TestTransports.audio(), TestTransports.video()], dataChannel: true)
        let offer = try TestTransports.parse(text)

        #expect(offer.media.map(\.kind) == [.audio, .video, .application])
        #expect(offer.media.map { $0.mid?.value } == ["0", "1", "2"])
        #expect(offer.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2"])
        for section in offer.media {
            #expect(section.port == 41_234)
            #expect(section.connection?.address == "127.0.0.1")
            #expect(section.transport.iceUfrag == local.credentials.usernameFragment)
            #expect(section.transport.icePwd == local.credentials.password)
            #expect(section.transport.fingerprints == [local.fingerprint])
            #expect(section.transport.setup == .actpass)
            #expect(section.candidates.count == 1)
            #expect(section.candidates.first?.address == "127.0.0.1")
            #expect(section.candidates.first?.port == 41_234)
            #expect(section.candidates.first?.type == .host)
            #expect(section.endOfCandidates)
        }

        let audio = offer.media[0]
        #expect(audio.direction == .sendonly)
        #expect(audio.rtcpMux && audio.rtcpReducedSize)
        #expect(audio.formats == ["111"])
        #expect(audio.codecs.first?.rtpmap == RTPMap(encodingName: "opus", clockRate: 48_000, channels: 2))
        #expect(audio.codecs.first?.parameters?.value(for: "minptime") == "10")
        #expect(audio.codecs.first?.parameters?.value(for: "useinbandfec") == "1")
        #expect(audio.extensions == [ExtMap(id: 1, uri: HeaderExtensionURI.mid)])
        #expect(audio.ssrcs == [SSRC(1111)])
        #expect(audio.ssrcAttributes.contains { $0.name == "cname" })
        #expect(audio.msids.count == 1)

        let video = offer.media[1]
        #expect(video.direction == .sendonly)
        #expect(video.formats == ["96"])
        #expect(video.codecs.first?.rtpmap == RTPMap(encodingName: "VP8", clockRate: 90_000))
        #expect(video.codecs.first?.feedback == [.nack, .pictureLossIndication, .fullIntraRequest, .receiverEstimatedMaxBitrate])
        #expect(video.ssrcs == [SSRC(2222)])
        #expect(video.rids.isEmpty && video.simulcast == nil)

        let data = offer.media[2]
        #expect(data.proto == "UDP/DTLS/SCTP")
        #expect(data.formats == ["webrtc-datachannel"])
        #expect(data.sctpPort == 5000)
        #expect(data.maxMessageSize == 262_144)
    }

    @Test func simulcastLayersAreRidsNotSSRCs() throws {
        let streams = [TestTransports.audio()] + TestTransports.simulcastVideo()
        let offer = try TestTransports.parse(PeerSDP.publishOffer(local: TestTransports.local(), streams: streams, dataChannel: false))

        #expect(offer.media.count == 2)
        let video = offer.media[1]
        #expect(video.rids.map(\.rid.value) == ["h", "m", "l"])
        #expect(video.rids.allSatisfy { $0.direction == .send })
        #expect(video.simulcast?.send.map { $0.map(\.rid.value) } == [["h"], ["m"], ["l"]])
        #expect(video.ssrcAttributes.isEmpty)
        #expect(video.extensions == [ExtMap(id: 1, uri: HeaderExtensionURI.mid), ExtMap(id: 2, uri: HeaderExtensionURI.rtpStreamID)])
        #expect(offer.media[0].extensions == [ExtMap(id: 1, uri: HeaderExtensionURI.mid)])
    }

    @Test func audioOnlyWithDataKeepsMidTwoForData() throws {
        let offer = try TestTransports.parse(
            PeerSDP.publishOffer(local: TestTransports.local(), streams: [TestTransports.audio()], dataChannel: true))
        #expect(offer.media.map { $0.mid?.value } == ["0", "2"])
        #expect(offer.attributes.bundleGroup?.mids.map(\.value) == ["0", "2"])
    }

    @Test func dataOnlyOfferHasOneSection() throws {
        let offer = try TestTransports.parse(PeerSDP.publishOffer(local: TestTransports.local(), streams: [], dataChannel: true))
        #expect(offer.media.map(\.kind) == [.application])
        #expect(offer.attributes.bundleGroup?.mids.map(\.value) == ["2"])
    }
}
