import RTCWire
import SDP
import Testing

/// Sections the server cannot forward are rejected (port 0) without failing the whole offer.
@Suite struct AnswerRejectionTests {
    @Test func videoWithoutCommonCodecIsRejectedAndDataStillAccepted() throws {
        var text = replacing("VP8/90000", with: "VP7/90000", in: Fixture.aiortc.text)
        text = replacing("H264/90000", with: "H263/90000", in: text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.media.isEmpty)
        #expect(answer.rejected.map(\.reason) == [.noCommonCodec])
        #expect(answer.rejected.first?.mid == Mid("0"))
        #expect(answer.dataChannel?.mid == Mid("1"))
        let rejected = answer.sessionDescription.media[0]
        #expect(rejected.port == 0)
        #expect(rejected.mid == Mid("0"))
        #expect(rejected.direction == .inactive)
        #expect(rejected.formats == ["97"])
        #expect(rejected.candidates.isEmpty)
        #expect(answer.sessionDescription.attributes.bundleGroup?.mids == [Mid("1")!])
        #expect(answer.sdp.contains("m=video 0 UDP/TLS/RTP/SAVPF 97\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=inactive\r\nm=application"))
    }

    @Test func unsupportedProtocolIsRejected() throws {
        let text = replacing("m=audio 9 UDP/TLS/RTP/SAVPF", with: "m=audio 9 RTP/AVP", in: Fixture.chromium.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.rejected.map(\.reason) == [.unsupportedProtocol("RTP/AVP")])
        #expect(answer.media.map(\.mid.value) == ["1"])
        #expect(answer.sessionDescription.attributes.bundleGroup?.mids.map(\.value) == ["1", "2"])
    }

    @Test func legacySCTPDataSectionIsRejected() throws {
        let text = replacing("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", with: "m=application 9 DTLS/SCTP 5000", in: Fixture.chromium.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.dataChannel == nil)
        #expect(answer.rejected.map(\.reason) == [.unsupportedProtocol("DTLS/SCTP")])
        #expect(answer.sessionDescription.media[2].formats == ["5000"])
    }

    @Test func sectionOutsideTheBundleGroupIsRejected() throws {
        let text = replacing("a=group:BUNDLE 0 1 2", with: "a=group:BUNDLE 0 1", in: Fixture.chromium.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.rejected.map(\.reason) == [.notBundled])
        #expect(answer.rejected.first?.index == 2)
        #expect(answer.dataChannel == nil)
    }

    @Test func sectionsTheOfferDisabledStayDisabled() throws {
        var offer = try #require(Fixture.chromium.parsed())
        offer.media[0].port = 0
        let answer = try #require(answerOrRecord(offer))
        #expect(answer.rejected.map(\.reason) == [.rejectedByOfferer])
        #expect(answer.sessionDescription.media[0].port == 0)
        #expect(answer.sessionDescription.attributes.bundleGroup?.mids.map(\.value) == ["1", "2"])
    }

    @Test func bundleOnlySectionWithPortZeroIsAccepted() throws {
        var offer = try #require(Fixture.chromium.parsed())
        offer.media[1].port = 0
        offer.media[1].otherAttributes.append(Attribute(name: "bundle-only"))
        let answer = try #require(answerOrRecord(offer))
        #expect(answer.rejected.isEmpty)
        #expect(answer.sessionDescription.media[1].port == 40000)
    }

    @Test func otherMediaKindsAndSecondDataSectionsAreRejected() throws {
        var offer = try #require(Fixture.aiortc.parsed())
        var text = offer.media[0]
        text.kind = .other("text")
        text.mid = Mid("t")
        var secondData = offer.media[1]
        secondData.mid = Mid("d2")
        var noMid = offer.media[0]
        noMid.mid = nil
        offer.media += [text, secondData, noMid]
        offer.attributes.groups = [MediaGroup(semantics: "BUNDLE", mids: ["0", "1", "t", "d2"].compactMap(Mid.init))]
        let answer = try #require(answerOrRecord(offer))
        #expect(answer.rejected.map(\.reason) == [.unsupportedMediaKind, .extraDataSection, .missingMid])
        #expect(answer.rejected.map(\.index) == [2, 3, 4])
        #expect(answer.sessionDescription.media.count == 5)
        #expect(answer.sessionDescription.media[4].mid == nil)
    }

    @Test func recvonlySectionIsAnsweredInactive() throws {
        let text = replacing("a=sendrecv", with: "a=recvonly", in: Fixture.aiortc.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.media.first?.offeredDirection == .recvonly)
        #expect(answer.media.first?.isReceiving == false)
        #expect(answer.sessionDescription.media[0].direction == .inactive)
    }

    @Test func staticPayloadTypeWithoutRtpmapIsAccepted() throws {
        let text = """
            v=0\r
            o=- 1 1 IN IP4 0.0.0.0\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE a\r
            a=ice-ufrag:abcd\r
            a=ice-pwd:abcdefghijklmnopqrstuv\r
            a=fingerprint:sha-256 \(Array(repeating: "11", count: 32).joined(separator: ":"))\r
            a=setup:active\r
            m=audio 9 UDP/TLS/RTP/SAVPF 8 0\r
            c=IN IP4 0.0.0.0\r
            a=mid:a\r
            a=sendonly\r
            a=rtcp-mux\r
            a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level\r

            """
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.media.first?.payloadTypes(.media) == [0, 8])
        #expect(answer.remoteTransport.setup == .active)
        #expect(answer.sdp.contains("m=audio 40000 UDP/TLS/RTP/SAVPF 0 8\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:0 PCMU/8000\r\n"))
        #expect(answer.sdp.contains("a=rtpmap:8 PCMA/8000\r\n"))
        #expect(answer.sdp.contains("a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"))
    }

    @Test func wildcardFeedbackAppliesToEachCodecAndIsFiltered() throws {
        var offer = try #require(Fixture.aiortc.parsed())
        offer.media[0].sharedFeedback = [.transportWideCC, RTCPFeedback(type: "ack", parameter: "rpsi")]
        let answer = try #require(answerOrRecord(offer))
        #expect(answer.media[0].codecs[0].feedback == [.nack, .pictureLossIndication, .receiverEstimatedMaxBitrate, .transportWideCC])
    }

    @Test func redNeedsItsPrimaryCodecAccepted() throws {
        let text = replacing("a=fmtp:63 111/111", with: "a=fmtp:63 13/13", in: Fixture.chromium.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.media[0].payloadTypes(.redundancy).isEmpty)
    }
}
