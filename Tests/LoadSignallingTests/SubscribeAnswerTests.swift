import Foundation
import LoadModel
import LoadSignalling
import RTCWire
import SDP
import Testing

@Suite struct SubscribeAnswerTests {
    @Test func janusOfferIsAnsweredWithOneCodecPerSectionRecvonly() throws {
        let local = TestTransports.local(port: 42_000)
        let (text, remote, dataChannel) = try PeerSDP.answerSubscribeOffer(
            CapturedSDP.janusSubscribeOffer, local: local, acceptData: true, policy: .loopback)
        let answer = try TestTransports.parse(text)

        #expect(!dataChannel)
        #expect(remote.isICELite)
        #expect(remote.localDTLSRole == .client)
        #expect(remote.credentials.usernameFragment == "tWrF")
        #expect(remote.candidates == [.ipv4(address: 0x7F00_0001, port: 20_932)])
        #expect(answer.attributes.bundleGroup?.mids.map(\.value) == ["0", "1"])
        #expect(answer.media.map { $0.mid?.value } == ["0", "1"])

        let audio = answer.media[0]
        #expect(audio.port == 42_000)
        #expect(audio.direction == .recvonly)
        #expect(audio.formats == ["111"])
        #expect(audio.codecs.map(\.rtpmap) == [RTPMap(encodingName: "opus", clockRate: 48_000, channels: 2)])
        #expect(audio.extensions == [ExtMap(id: 4, uri: HeaderExtensionURI.mid)])
        #expect(audio.transport.setup == .active)
        #expect(audio.transport.fingerprints == [local.fingerprint])
        #expect(audio.transport.iceUfrag == local.credentials.usernameFragment)
        #expect(audio.rtcpMux)
        #expect(audio.candidates.map(\.port) == [42_000])

        let video = answer.media[1]
        #expect(video.formats == ["96"])
        #expect(video.codecs.map(\.rtpmap) == [RTPMap(encodingName: "VP8", clockRate: 90_000)])
        #expect(video.codecs.first?.feedback == [])
        let expected = [ExtMap(id: 2, uri: HeaderExtensionURI.absoluteSendTime), ExtMap(id: 4, uri: HeaderExtensionURI.mid)]
        #expect(Set(video.extensions) == Set(expected))
        #expect(video.direction == .recvonly)
    }

    @Test func aiortcOfferWithDataAcceptsDataOnlyWhenAsked() throws {
        let offer = try CapturedSDP.sdpTestsFixture("aiortc-1.16-offer-video-data.sdp")
        let accepting = try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: true, policy: .loopback)
        #expect(accepting.dataChannel)
        let withData = try TestTransports.parse(accepting.answer)
        #expect(withData.media.map(\.kind) == [.video, .application])
        #expect(withData.media[0].formats == ["97"])
        #expect(withData.media[0].codecs.first?.rtpmap?.encodingName == "VP8")
        // aiortc offers sendrecv: the answer only receives.
        #expect(withData.media[0].direction == .recvonly)
        #expect(withData.media[1].port != 0)
        #expect(withData.media[1].sctpPort == 5000)
        #expect(withData.attributes.bundleGroup?.mids.map(\.value) == ["0", "1"])
        // aiortc offers actpass: the peer takes the client role.
        #expect(accepting.remote.localDTLSRole == .client)
        #expect(accepting.remote.candidates.first == .ipv4(address: 0x7F00_0001, port: 39_191))

        let refusing = try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: false, policy: .loopback)
        #expect(!refusing.dataChannel)
        let withoutData = try TestTransports.parse(refusing.answer)
        #expect(withoutData.media[1].port == 0)
        #expect(withoutData.media[1].mid?.value == "1")
        #expect(withoutData.attributes.bundleGroup?.mids.map(\.value) == ["0"])
    }

    @Test func sectionsWithoutOpusOrVP8AreRejectedInPlace() throws {
        let offer = CapturedSDP.janusSubscribeOffer
            .replacingOccurrences(of: "a=rtpmap:96 VP8/90000", with: "a=rtpmap:96 H264/90000")
        let (text, _, _) = try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: false, policy: .loopback)
        let answer = try TestTransports.parse(text)
        #expect(answer.media.map(\.port) == [41_000, 0])
        #expect(answer.media.map { $0.mid?.value } == ["0", "1"])
        #expect(answer.media[1].kind == .video)
        #expect(answer.attributes.bundleGroup?.mids.map(\.value) == ["0"])
    }

    @Test func anOfferThatSaysActiveMakesThePeerTheDTLSServer() throws {
        let offer = CapturedSDP.janusSubscribeOffer.replacingOccurrences(of: "a=setup:actpass", with: "a=setup:active")
        let (text, remote, _) = try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: false, policy: .loopback)
        #expect(remote.localDTLSRole == .server)
        #expect(try TestTransports.parse(text).media.allSatisfy { $0.transport.setup == .passive })
    }

    @Test func chromiumOfferWithoutCandidatesIsRefusedNamingThem() throws {
        let offer = try CapturedSDP.sdpTestsFixture("chromium-156-offer-audio-video-data.sdp")
        #expect {
            _ = try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: true, policy: .loopback)
        } throws: { error in
            guard case .malformed(let step, let reason) = error as? SignallingError else { return false }
            return step == "subscribe offer" && reason.contains("candidates: none")
        }
    }

    @Test func anOfferWithNothingToReceiveIsAnError() {
        let offer = CapturedSDP.janusSubscribeOffer
            .replacingOccurrences(of: "m=audio 9 ", with: "m=audio 0 ")
            .replacingOccurrences(of: "m=video 9 ", with: "m=video 0 ")
        #expect(throws: SignallingError.self) {
            try PeerSDP.answerSubscribeOffer(offer, local: TestTransports.local(), acceptData: true, policy: .loopback)
        }
    }
}
