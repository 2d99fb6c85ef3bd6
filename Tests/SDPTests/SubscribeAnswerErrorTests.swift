import RTCWire
import SDP
import Testing

/// Every `SubscribeAnswerError`, each from a real answer (Chromium's) with one thing broken.
@Suite struct SubscribeAnswerErrorTests {
    let chromium = SubscribeFixture.chromiumAnswer.text

    /// The reader's error for the Chromium answer changed by `change`.
    func error(_ change: (inout SessionDescription) -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> SubscribeAnswerError? {
        guard var answer = parseOrRecord(chromium, sourceLocation: sourceLocation) else { return nil }
        change(&answer)
        switch SubscribeAnswerReader.read(answer: answer, offer: SubscribeExample.offer.sessionDescription) {
        case .success:
            Issue.record("the answer was read, but a refusal was expected", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return error
        }
    }

    @Test func sectionCountMismatch() throws {
        let error = try #require(self.error { $0.media.removeLast() })
        #expect(error == .sectionCountMismatch(offered: 4, answered: 3))
        #expect(error.description == "the answer has 3 m-sections, the offer 4")
        #expect(self.error { $0.media.append($0.media[3]) } == .sectionCountMismatch(offered: 4, answered: 5))
    }

    @Test func kindMismatch() throws {
        let text = replacing("m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n", with: "m=audio 9 UDP/TLS/RTP/SAVPF 96 97\r\n", in: chromium)
        let error = try #require(subscribeAnswerError(text))
        #expect(error == .kindMismatch(index: 2, offered: .video, answered: .audio))
        #expect(error.description == "m-section 2 is m=audio in the answer but m=video in the offer")
    }

    @Test func midMismatch() throws {
        let error = try #require(subscribeAnswerError(replacing("a=mid:2\r\n", with: "a=mid:7\r\n", in: chromium)))
        #expect(error == .midMismatch(index: 2, offered: Mid("2"), answered: Mid("7")))
        #expect(error.description == "m-section 2 has a=mid:7 in the answer but a=mid:2 in the offer")
        let missing = try #require(subscribeAnswerError(removingLines("a=mid:3", from: chromium)))
        #expect(missing == .midMismatch(index: 3, offered: Mid("3"), answered: nil))
        #expect(missing.description.contains("no a=mid in the answer"))
    }

    @Test func bundleMissing() throws {
        let error = try #require(subscribeAnswerError(removingLines("a=group:BUNDLE 0 1 2 3", from: chromium)))
        #expect(error == .bundleMissing)
        #expect(error.description.contains("BUNDLE"))
    }

    @Test func acceptedSectionOutsideTheBundle() throws {
        let error = try #require(subscribeAnswerError(replacing("a=group:BUNDLE 0 1 2 3", with: "a=group:BUNDLE 0 1 3", in: chromium)))
        #expect(error == .notBundled(mid: Mid("2")!))
        #expect(error.description.contains("mid 2"))
    }

    @Test func everySectionRejected() throws {
        let error = try #require(self.error { answer in
            for index in answer.media.indices { answer.media[index].port = 0 }
        })
        #expect(error == .noAcceptedSection)
        #expect(error.description == "the answer rejects every m-section (port 0)")
    }

    @Test func rtcpMuxMissing() throws {
        #expect(self.error { $0.media[1].rtcpMux = false } == .rtcpMuxMissing(mid: Mid("1")!))
        let error = try #require(subscribeAnswerError(removingLines("a=rtcp-mux", from: chromium)))
        #expect(error == .rtcpMuxMissing(mid: Mid("0")!))
        #expect(error.description.contains("mid 0"))
    }

    @Test func iceCredentialsMissing() throws {
        let error = try #require(subscribeAnswerError(removingLines("a=ice-pwd:S9C85XcQDyLki4TRN+MTHv+z", from: chromium)))
        #expect(error == .iceCredentialsMissing(mid: Mid("0")!))
        #expect(error.description.contains("mid 0"))
    }

    @Test func iceCredentialsInvalid() throws {
        let short = try #require(subscribeAnswerError(replacing("a=ice-ufrag:T2rj", with: "a=ice-ufrag:T2r", in: chromium)))
        #expect(short == .iceCredentialsInvalid(mid: Mid("0")!))
        let badCharacter = replacing("a=ice-pwd:S9C85XcQDyLki4TRN+MTHv+z", with: "a=ice-pwd:S9C85XcQDyLki4TRN+MTHv+z-", in: chromium)
        #expect(subscribeAnswerError(badCharacter) == .iceCredentialsInvalid(mid: Mid("0")!))
        #expect(short.description.contains("4–256"))
    }

    @Test func fingerprintMissing() throws {
        let line = "a=fingerprint:sha-256 47:65:08:1D:51:AB:BC:9E:32:EA:53:9A:8A:67:69:CD:F7:95:6B:97:35:7D:DA:FE:CF:99:87:84:9A:DC:82:E6"
        let error = try #require(subscribeAnswerError(removingLines(line, from: chromium)))
        #expect(error == .fingerprintMissing(mid: Mid("0")!))
        // A sha-1 fingerprint alone is not enough either.
        let sha1 = Fingerprint(algorithm: .sha1, bytes: Array(repeating: 0xAB, count: 20))!
        #expect(self.error { answer in
            for index in answer.media.indices { answer.media[index].transport.fingerprints = [sha1] }
        } == .fingerprintMissing(mid: Mid("0")!))
        #expect(error.description.contains("sha-256"))
    }

    @Test(arguments: [SetupRole.actpass, .holdconn])
    func setupRoleUnusable(_ role: SetupRole) throws {
        let error = try #require(subscribeAnswerError(replacing("a=setup:active", with: "a=setup:\(role.rawValue)", in: chromium)))
        #expect(error == .setupRoleUnusable(mid: Mid("0")!, role: role))
        #expect(error.description.contains("a=setup:\(role.rawValue)"))
        // On a section other than the BUNDLE-tagged one, too.
        #expect(self.error { $0.media[2].transport.setup = role } == .setupRoleUnusable(mid: Mid("2")!, role: role))
    }

    @Test func unofferedPayloadType() throws {
        let text = replacing("m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126", with: "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126 8", in: chromium)
        let error = try #require(subscribeAnswerError(text))
        #expect(error == .unofferedPayloadType(mid: Mid("0")!, payloadType: PayloadType(rawValue: 8)!))
        #expect(error.description == "m-section mid 0 answers payload type 8, which the offer did not list")
        // 102 is offered on mid 1, not on the inactive mid 2.
        #expect(self.error { $0.media[2].formats.append("102") } == .unofferedPayloadType(mid: Mid("2")!, payloadType: PayloadType(rawValue: 102)!))
    }

    @Test func sendonlyAnsweredToSendonly() throws {
        let error = try #require(self.error { $0.media[1].direction = .sendonly })
        #expect(error == .directionUnusable(mid: Mid("1")!, direction: .sendonly))
        #expect(error.description.contains("a=sendonly"))
        #expect(error.description.contains("mid 1"))
    }
}

/// Answers the reader takes although they differ from the usual ones.
@Suite struct SubscribeAnswerToleranceTests {
    let chromium = SubscribeFixture.chromiumAnswer.text

    func read(_ change: (inout SessionDescription) -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> SubscribeAnswer? {
        guard var answer = parseOrRecord(chromium, sourceLocation: sourceLocation) else { return nil }
        change(&answer)
        return readOrRecord(answer, sourceLocation: sourceLocation)
    }

    @Test func sendrecvCountsAsRecvonly() {
        let read = read { $0.media[0].direction = .sendrecv }
        #expect(read?.sections[0].isReceiving == true)
    }

    @Test func inactiveAnswerIsNotReceiving() {
        let read = read { $0.media[1].direction = .inactive }
        #expect(read?.sections[1].isReceiving == false)
        #expect(read?.sections[1].payloadTypes.count == 4)
    }

    @Test func inactiveOfferIsNeverReceivedOn() {
        let read = read { $0.media[2].direction = .recvonly }
        #expect(read?.sections[2].isReceiving == false)
    }

    @Test func passiveAndAbsentSetup() {
        #expect(read { answer in
            for index in answer.media.indices { answer.media[index].transport.setup = .passive }
        }?.remoteTransport.setup == .passive)
        #expect(read { answer in
            for index in answer.media.indices { answer.media[index].transport.setup = nil }
        }?.remoteTransport.setup == .active)
    }

    @Test func sessionLevelTransport() {
        let read = read { answer in
            answer.attributes.transport = answer.media[0].transport
            for index in answer.media.indices { answer.media[index].transport = TransportAttributes() }
        }
        #expect(read?.remoteTransport.iceUfrag == "T2rj")
        #expect(read?.remoteTransport.fingerprints.count == 1)
    }

    @Test func rejectedSectionsKeepNothing() throws {
        let read = try #require(read { answer in
            answer.media[1].port = 0
            answer.media[1].rtcpMux = false
            answer.media[1].formats = ["0"]
            answer.media[3].port = 0
            answer.attributes.groups = [MediaGroup(semantics: "BUNDLE", mids: [Mid("0")!, Mid("2")!])]
        })
        #expect(read.sections[1].isReceiving == false)
        #expect(read.sections[1].payloadTypes.isEmpty)
        #expect(read.sections[1].extensionIDs.isEmpty)
        #expect(!read.sections[1].acceptsRetransmission)
        #expect(read.sections[3].dataChannel == nil)
        #expect(read.sections[0].isReceiving)
    }

    @Test func firstSectionRejectedTagsTheNextBundledOne() throws {
        let read = try #require(read { answer in
            answer.media[0].port = 0
            answer.media[1].transport.iceUfrag = "Vid1"
            answer.attributes.groups = [MediaGroup(semantics: "BUNDLE", mids: [Mid("1")!, Mid("2")!, Mid("3")!])]
        })
        #expect(read.remoteTransport.iceUfrag == "Vid1")
        #expect(read.sections[0].isReceiving == false)
    }

    @Test func extensionsKeptOnlyWithTheOfferedIDAndURIAndReceived() {
        let read = read { answer in
            answer.media[1].extensions = [
                ExtMap(id: 7, uri: "urn:example:not-orientation"),
                ExtMap(id: 8, uri: "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", direction: .sendonly),
                ExtMap(id: 4, uri: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
            ]
            answer.media[0].extensions = []
            answer.attributes.extensions = [ExtMap(id: 6, uri: "urn:ietf:params:rtp-hdrext:ssrc-audio-level", direction: .recvonly)]
        }
        #expect(read?.sections[1].extensionIDs == [])
        // Session-level extmap lines apply to every section.
        #expect(read?.sections[0].extensionIDs == [6])
    }

    @Test func retransmissionNeedsRTXAndNack() {
        #expect(read { $0.media[1].formats = ["96", "102"] }?.sections[1].acceptsRetransmission == false)
        #expect(read { answer in
            for index in answer.media[1].codecs.indices {
                answer.media[1].codecs[index].feedback.removeAll { $0 == .nack }
            }
        }?.sections[1].acceptsRetransmission == false)
        // Shared `a=rtcp-fb:* nack` is nack for every codec.
        #expect(read { answer in
            for index in answer.media[1].codecs.indices {
                answer.media[1].codecs[index].feedback.removeAll { $0 == .nack }
            }
            answer.media[1].sharedFeedback = [.nack]
        }?.sections[1].acceptsRetransmission == true)
        // RTX kept, but not the codec it repairs.
        #expect(read { $0.media[1].formats = ["102", "97"] }?.sections[1].acceptsRetransmission == false)
    }
}
