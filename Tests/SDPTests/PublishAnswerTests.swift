import RTCWire
import SDP
import Testing

/// The answers to the fixture offers: codecs in the server's order, extensions, transport.
@Suite struct PublishAnswerTests {
    @Test func aiortcVideoAndData() throws {
        let answer = try #require(Fixture.aiortc.parsed().flatMap { answerOrRecord($0) })
        #expect(answer.rejected.isEmpty)
        let video = try #require(answer.media.first)
        #expect(answer.media.count == 1)
        #expect(video.mid == Mid("0"))
        #expect(video.kind == .video)
        #expect(video.offeredDirection == .sendrecv)
        #expect(video.payloadTypes(.media) == [97, 99, 101])
        #expect(video.codecs.map { $0.rtxPayloadType?.rawValue } == [98, 100, 102])
        #expect(video.codecs.map(\.rtpmap.encodingName) == ["VP8", "H264", "H264"])
        #expect(video.codecs[0].feedback == [.nack, .pictureLossIndication, .receiverEstimatedMaxBitrate])
        #expect(video.codecs[0].mimeType(kind: video.kind) == "video/VP8")
        #expect(video.extensions.map(\.id) == [1, 3])
        #expect(video.extensionID(for: HeaderExtensionURI.mid) == 1)
        #expect(video.extensionID(for: HeaderExtensionURI.absoluteSendTime) == 3)
        #expect(video.ssrcGroups == [SSRCGroup(semantics: "FID", ssrcs: [SSRC(4191831549), SSRC(109700554)])])
        #expect(video.ssrcs == [SSRC(4191831549), SSRC(109700554)])
        #expect(video.rtcpReducedSize == false)
        let data = try #require(answer.dataChannel)
        #expect(data.index == 1 && data.mid == Mid("1"))
        #expect(data.remoteSCTPPort == 5000 && data.remoteMaxMessageSize == 262144)

        let remote = answer.remoteTransport
        #expect(remote.iceUfrag == "4cOJ")
        #expect(remote.icePwd == "PTneqtIaztTgZraAQBH5p0")
        #expect(remote.fingerprints.map(\.algorithm) == [.sha256, .sha384, .sha512])
        #expect(remote.setup == .actpass)
        #expect(remote.candidates.map(\.port) == [39191])
        #expect(remote.endOfCandidates)
    }

    @Test func aiortcAnswerText() throws {
        let answer = try #require(Fixture.aiortc.parsed().flatMap { answerOrRecord($0) })
        let lines = answer.sdp.components(separatedBy: "\r\n")
        #expect(Array(lines.prefix(6)) == [
            "v=0", "o=- 1234 7 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0 1",
        ])
        let video = section(answer.sdp, 1)
        #expect(video.first == "m=video 40000 UDP/TLS/RTP/SAVPF 97 98 99 100 101 102")
        #expect(video.contains("c=IN IP4 127.0.0.1"))
        #expect(video.contains("a=mid:0"))
        #expect(video.contains("a=recvonly"))
        #expect(video.contains("a=setup:passive"))
        #expect(video.contains("a=ice-ufrag:sWbd"))
        #expect(video.contains("a=ice-pwd:Zk3c9Qm1Xv7Lp2Rt8Yw4Nb6H"))
        #expect(video.contains("a=fingerprint:sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9"))
        #expect(video.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"))
        #expect(video.contains("a=end-of-candidates"))
        #expect(video.contains("a=rtcp-mux"))
        #expect(!video.contains("a=rtcp-rsize"))
        #expect(video.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid"))
        #expect(video.contains("a=rtpmap:98 rtx/90000"))
        #expect(video.contains("a=fmtp:98 apt=97"))
        #expect(video.contains("a=fmtp:99 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"))
        #expect(!video.contains { $0.hasPrefix("a=ssrc") })
        let data = section(answer.sdp, 2)
        #expect(data.first == "m=application 40000 UDP/DTLS/SCTP webrtc-datachannel")
        #expect(data.contains("a=sctp-port:5000"))
        #expect(data.contains("a=max-message-size:262144"))
        #expect(data.contains("a=setup:passive"))
        #expect(data.contains("a=mid:1"))
    }

    @Test func chromiumAudioVideoData() throws {
        let answer = try #require(Fixture.chromium.parsed().flatMap { answerOrRecord($0) })
        #expect(answer.media.map(\.mid.value) == ["0", "1"])
        let audio = answer.media[0]
        #expect(audio.payloadTypes(.media) == [111, 0, 8, 9])
        #expect(audio.payloadTypes(.redundancy) == [63])
        #expect(audio.payloadTypes(.telephoneEvent) == [110, 126])
        #expect(audio.codecs[0].rtpmap == RTPMap(encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.codecs[0].feedback == [.transportWideCC])
        #expect(audio.extensions.map(\.id) == [1, 2, 3, 4])
        #expect(audio.rtcpReducedSize)
        let video = answer.media[1]
        #expect(video.payloadTypes(.media) == [96, 98, 100, 102, 108, 116, 45])
        #expect(video.codecs.map { $0.rtxPayloadType?.rawValue } == [97, 99, 101, 103, 109, 117, 46])
        #expect(video.codecs[0].feedback == [.receiverEstimatedMaxBitrate, .transportWideCC, .fullIntraRequest, .nack, .pictureLossIndication])
        #expect(video.extensions.map(\.id) == [2, 13, 3, 5, 4, 10, 11])
        #expect(video.extensionID(for: HeaderExtensionURI.rtpStreamID) == 10)
        #expect(video.extensionID(for: "urn:ietf:params:rtp-hdrext:toffset") == nil)
        #expect(video.ssrcGroups.first?.ssrcs == [SSRC(3181066773), SSRC(3758138274)])
        #expect(answer.dataChannel?.mid == Mid("2"))
        #expect(answer.remoteTransport.candidates.isEmpty)
        #expect(answer.remoteTransport.iceOptions == ["trickle"])

        #expect(section(answer.sdp, 1).first == "m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 9 63 110 126")
        #expect(section(answer.sdp, 2).first == "m=video 40000 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102 103 108 109 116 117 45 46")
        #expect(section(answer.sdp, 1).contains("a=rtpmap:0 PCMU/8000"))
        #expect(section(answer.sdp, 1).contains("a=fmtp:63 111/111"))
        #expect(section(answer.sdp, 2).contains("a=rtcp-rsize"))
        #expect(answer.sdp.contains("\r\na=extmap-allow-mixed\r\n"))
        #expect(answer.sdp.contains("a=group:BUNDLE 0 1 2\r\n"))
    }

    @Test func firefoxSimulcastAndSessionLevelFingerprint() throws {
        let offer = try #require(Fixture.firefox.parsed())
        let answer = try #require(answerOrRecord(offer))
        let audio = answer.media[0]
        #expect(audio.payloadTypes(.media) == [109, 0, 8, 9])
        #expect(audio.payloadTypes(.telephoneEvent) == [101])
        #expect(audio.extensions.map(\.id) == [1, 3])
        let video = answer.media[1]
        #expect(video.payloadTypes(.media) == [120, 121, 126])
        #expect(video.codecs.map { $0.rtxPayloadType?.rawValue } == [124, 125, 127])
        #expect(video.extensions.map(\.id) == [3, 4, 7, 8, 9])
        #expect(video.rids.map(\.rid.value) == ["h", "m", "l"])
        #expect(video.simulcast?.sendRids.map(\.value) == ["h", "m", "l"])
        #expect(answer.remoteTransport.fingerprints == offer.attributes.transport.fingerprints)
        #expect(answer.dataChannel?.remoteMaxMessageSize == 1073741823)
        #expect(answer.remoteTransport.candidates.count == 4)

        let videoText = section(answer.sdp, 2)
        #expect(videoText.first == "m=video 40000 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127")
        #expect(videoText.contains("a=rid:h recv"))
        #expect(videoText.contains("a=rid:l recv"))
        #expect(videoText.contains("a=simulcast:recv h;m;l"))
        #expect(!videoText.contains { $0.contains("playout-delay") })
        #expect(section(answer.sdp, 1).first == "m=audio 40000 UDP/TLS/RTP/SAVPF 109 0 8 9 101")
        #expect(section(answer.sdp, 1).contains("a=rtpmap:9 G722/8000/1"))
    }

    @Test func safariPrefersVP8ThenH264PacketizationMode1() throws {
        let answer = try #require(Fixture.safari.parsed().flatMap { answerOrRecord($0) })
        #expect(answer.dataChannel == nil)
        let audio = answer.media[0]
        #expect(audio.payloadTypes(.media) == [111, 0, 8, 9])
        #expect(audio.payloadTypes(.telephoneEvent) == [110, 126])
        #expect(audio.extensions.map(\.id) == [1, 2, 3, 4, 5, 6])
        let video = answer.media[1]
        #expect(video.payloadTypes(.media) == [104, 96, 98])
        #expect(video.codecs.map { $0.rtxPayloadType?.rawValue } == [125, 97, 99])
        #expect(video.extensions.map(\.id) == [2, 13, 3, 12, 4, 5, 6])
        #expect(answer.remoteTransport.candidates.map(\.type) == [.host, .srflx])
        #expect(section(answer.sdp, 2).first == "m=video 40000 UDP/TLS/RTP/SAVPF 104 125 96 97 98 99")
        #expect(answer.sdp.contains("a=group:BUNDLE 0 1\r\n"))
    }

    @Test(arguments: Fixture.allCases)
    func answerTextParsesBackToTheAnswer(_ fixture: Fixture) throws {
        let answer = try #require(fixture.parsed().flatMap { answerOrRecord($0) })
        let reparsed = try #require(parseOrRecord(answer.sdp))
        #expect(reparsed == answer.sessionDescription)
        #expect(reparsed.attributes.iceLite)
        #expect(reparsed.media.count == fixture.parsed()?.media.count)
        for media in reparsed.media where media.port != 0 {
            #expect(media.transport.setup == .passive)
            #expect(media.rtcpMux || !media.isRTP)
            #expect(media.candidates.count == 1 && media.endOfCandidates)
        }
    }

    /// The lines of the answer's section `index` (0 is the session section).
    private func section(_ sdp: String, _ index: Int) -> [String] {
        let parts = sdp.components(separatedBy: "\r\nm=")
        guard parts.indices.contains(index) else { return [] }
        return ((index == 0 ? "" : "m=") + parts[index]).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }
}
