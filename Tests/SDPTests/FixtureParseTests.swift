import RTCWire
import SDP
import Testing

/// What the parser makes of each fixture offer, checked against the fixture text.
@Suite struct FixtureParseTests {
    @Test func chromiumSessionLevel() throws {
        let offer = try #require(Fixture.chromium.parsed())
        #expect(offer.origin.sessionID == "947278912726756986")
        #expect(offer.origin.sessionVersion == 2)
        #expect(offer.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2"])
        #expect(offer.attributes.extmapAllowMixed)
        #expect(offer.attributes.msidSemantics.first?.semantic == "WMS")
        #expect(offer.attributes.msidSemantics.first?.identifiers == ["f6a383fa-71f3-4d35-9bc9-5685b846165a"])
        #expect(offer.media.map(\.kind) == [.audio, .video, .application])
    }

    @Test func chromiumAudioSection() throws {
        let audio = try #require(Fixture.chromium.parsed()?.media.first)
        #expect(audio.mid == Mid("0"))
        #expect(audio.formats == ["111", "63", "9", "0", "8", "13", "110", "126"])
        #expect(audio.direction == .sendrecv)
        #expect(audio.rtcpMux && audio.rtcpReducedSize)
        #expect(audio.transport.iceUfrag == "S4KW")
        #expect(audio.transport.icePwd == "kWCrS0RWuRyo5Dtsg+M9O5Nf")
        #expect(audio.transport.iceOptions == ["trickle"])
        #expect(audio.transport.setup == .actpass)
        let opus = try #require(audio.codec(PayloadType(rawValue: 111)!))
        #expect(opus.rtpmap == RTPMap(encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(opus.parameters?.value(for: "useinbandfec") == "1")
        #expect(opus.feedback == [.transportWideCC])
        #expect(audio.codec(PayloadType(rawValue: 63)!)?.parameters?.redundantPayloadTypes == [PayloadType(rawValue: 111)!, PayloadType(rawValue: 111)!])
        #expect(audio.extensions.map(\.id) == [1, 2, 3, 4])
        #expect(audio.extensions.first?.uri == "urn:ietf:params:rtp-hdrext:ssrc-audio-level")
        #expect(audio.ssrcs == [SSRC(2620228563)])
        #expect(audio.ssrcAttributes.first == SSRCAttribute(ssrc: SSRC(2620228563), name: "cname", value: "TjfsL3UPkl62TdzD"))
        #expect(audio.msids == [Msid(streamID: "f6a383fa-71f3-4d35-9bc9-5685b846165a", trackID: "f02e295d-ab40-4469-b6c9-18343a14bf21")])
        #expect(audio.otherAttributes == [Attribute(name: "rtcp", value: "9 IN IP4 0.0.0.0"), Attribute(name: "rtcp-xr", value: "rcvr-rtt=all")])
        let fingerprint = try #require(audio.transport.fingerprints.first)
        #expect(fingerprint.algorithm == .sha256)
        #expect(fingerprint.bytes.count == 32)
        #expect(fingerprint.bytes.prefix(3) == [0x47, 0xCE, 0xA1])
    }

    @Test func chromiumVideoSection() throws {
        let video = try #require(Fixture.chromium.parsed()?.media[1])
        #expect(video.formats.count == 23)
        #expect(video.codecs.count == 23)
        #expect(video.codecs.map(\.payloadType.rawValue) == video.formats.compactMap { UInt8($0) })
        let rtx = try #require(video.codec(PayloadType(rawValue: 97)!))
        #expect(rtx.rtpmap?.encodingName == "rtx")
        #expect(rtx.parameters?.associatedPayloadType == PayloadType(rawValue: 96))
        #expect(video.codec(PayloadType(rawValue: 96)!)?.feedback == [
            .receiverEstimatedMaxBitrate, .transportWideCC, .fullIntraRequest, .nack, .pictureLossIndication,
        ])
        #expect(video.codec(PayloadType(rawValue: 45)!)?.parameters?.rawValue == "level-idx=5;profile=0;tier=0")
        #expect(video.extensions.map(\.id) == [14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11])
        #expect(video.ssrcGroups == [SSRCGroup(semantics: "FID", ssrcs: [SSRC(3181066773), SSRC(3758138274)])])
        #expect(video.ssrcs == [SSRC(3181066773), SSRC(3758138274)])
        #expect(video.ssrcAttributes.count == 4)
    }

    @Test func chromiumDataSection() throws {
        let data = try #require(Fixture.chromium.parsed()?.media[2])
        #expect(data.proto == "UDP/DTLS/SCTP")
        #expect(data.formats == ["webrtc-datachannel"])
        #expect(data.isRTP == false)
        #expect(data.sctpPort == 5000)
        #expect(data.maxMessageSize == 262144)
        #expect(data.mid == Mid("2"))
    }

    @Test func aiortcCandidatesAndFingerprints() throws {
        let offer = try #require(Fixture.aiortc.parsed())
        let video = offer.media[0]
        #expect(video.port == 39191)
        #expect(video.connection == ConnectionData(networkType: "IN", addressType: "IP4", address: "127.0.0.1"))
        #expect(video.candidates == [Candidate(
            foundation: "16572de626da4e5384a0ce2d0d93678a", component: 1, transport: "udp", priority: 2130706431,
            address: "127.0.0.1", port: 39191, type: .host
        )])
        #expect(video.endOfCandidates)
        #expect(video.transport.fingerprints.map(\.algorithm) == [.sha256, .sha384, .sha512])
        #expect(video.transport.fingerprints.map(\.bytes.count) == [32, 48, 64])
        #expect(video.transport.fingerprints[0].hexValue == "BA:08:83:28:88:08:31:27:A6:5F:BB:44:10:B9:BA:28:08:DE:1F:0A:F1:BA:23:B1:29:45:F8:EB:56:26:B2:F0")
        #expect(video.ssrcGroups.first?.ssrcs == [SSRC(4191831549), SSRC(109700554)])
        #expect(video.codec(PayloadType(rawValue: 99)!)?.parameters?.value(for: "profile-level-id") == "42001f")
        #expect(offer.media[1].candidates.first?.port == 43852)
    }

    @Test func firefoxJoinsFmtpWrittenBeforeRtpmapAndResolvesSessionFingerprint() throws {
        let offer = try #require(Fixture.firefox.parsed())
        #expect(offer.origin.username == "mozilla...THIS_IS_SDPARTA-128.0")
        #expect(offer.attributes.transport.fingerprints.count == 1)
        #expect(offer.attributes.transport.iceOptions == ["trickle"])
        let video = offer.media[1]
        #expect(video.transport.fingerprints.isEmpty)
        let resolved = offer.resolvedTransport(of: video)
        #expect(resolved.fingerprints == offer.attributes.transport.fingerprints)
        #expect(resolved.iceOptions == ["trickle"])
        #expect(resolved.iceUfrag == "5d3b9a1e")
        #expect(video.codecs.map(\.payloadType.rawValue) == [120, 124, 121, 125, 126, 127, 97, 98, 123, 122, 119])
        let vp8 = try #require(video.codec(PayloadType(rawValue: 120)!))
        #expect(vp8.rtpmap?.encodingName == "VP8")
        #expect(vp8.parameters?.rawValue == "max-fs=12288;max-fr=60")
        #expect(vp8.feedback.count == 5)
        #expect(video.extensions.first { $0.id == 6 }?.direction == .recvonly)
        #expect(video.rids.map(\.rid.value) == ["h", "m", "l"])
        #expect(video.rids.allSatisfy { $0.direction == .send })
        #expect(video.simulcast?.sendRids.map(\.value) == ["h", "m", "l"])
        let audio = offer.media[0]
        #expect(audio.codec(PayloadType(rawValue: 9)!)?.rtpmap == RTPMap(encodingName: "G722", clockRate: 8000, channels: 1))
        #expect(audio.codec(PayloadType(rawValue: 101)!)?.parameters?.rawValue == "0-15")
        #expect(audio.msids.first?.streamID == "{0b4ae6f1-2c1d-4b7e-9a55-3f1c8d2e6a90}")
    }

    @Test func firefoxCandidates() throws {
        let audio = try #require(Fixture.firefox.parsed()?.media.first)
        #expect(audio.candidates.count == 4)
        #expect(audio.candidates[1].address == "2001:db8:2005:244:4ac1:faa5:1124:9fe7")
        #expect(audio.candidates[2].transport == "TCP")
        #expect(audio.candidates[2].extensionValue("tcptype") == "active")
        #expect(audio.candidates[3].type == .srflx)
        #expect(audio.candidates[3].relatedAddress == "192.168.1.217")
        #expect(audio.candidates[3].relatedPort == 52511)
        #expect(audio.endOfCandidates)
    }

    @Test func safariMDNSAndReflexiveCandidates() throws {
        let offer = try #require(Fixture.safari.parsed())
        let audio = offer.media[0]
        let host = try #require(audio.candidates.first)
        #expect(host.foundation == "3409682744")
        #expect(host.address == "8b6d2f1e-4c7a-4e95-a3d0-5f2b9c1e7a64.local")
        #expect(host.extensions == [CandidateExtension(name: "generation", value: "0"), CandidateExtension(name: "network-cost", value: "999")])
        let reflexive = try #require(audio.candidates.last)
        #expect(reflexive.type == .srflx)
        #expect(reflexive.relatedAddress == "0.0.0.0")
        #expect(reflexive.relatedPort == 0)
        #expect(offer.media[1].codec(PayloadType(rawValue: 104)!)?.rtpmap?.encodingName == "VP8")
        #expect(offer.media[1].effectiveDirection(session: offer.attributes) == .sendonly)
    }
}
