import MediaContract
import ControlPlane
import Hummingbird
import HummingbirdTesting
import RTCWire
import SDP
import Testing

/// `POST`/`PUT`/`PATCH …/participants/{p}/subscribe` when they succeed: p1 publishes
/// ``NumberedPublishOffer`` (Opus 109 with audio level 10 on mid 0, VP8 120 + RTX 121 with video
/// orientation 13 and playout delay 12 on mid 1) through ``PublishTestEngine``; p2 subscribes
/// (with every permission, so its offers also carry the data section after the first tracks).
@Suite("Subscribe endpoints")
struct SubscribeEndpointTests {
    static let audioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
    static let videoOrientation = "urn:3gpp:video-orientation"
    static let playoutDelay = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"

    @Test("a first offer: 201, Location, ETag, application/sdp; one sendonly section per track of the publisher")
    func firstOffer() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let response = try await api.subscribe(p2)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.location] == SubscribeFixture.subscribePath("p2"))
            #expect(response.headers[.eTag] == "\"1\"")
            #expect(response.headers[.contentType] == "application/sdp")
            #expect(await engine.calls.last == .openSubscribe(room: "r1", participant: "p2"))

            let offer = OfferText(String(buffer: response.body))
            #expect(offer.sessionLines.contains("a=ice-lite"))
            #expect(offer.sessionLines.contains("a=group:BUNDLE 0 1 2"))
            #expect(offer.sections.map(\.kind) == ["audio", "video", "application"])
            #expect(offer.mids == ["0", "1", "2"])
            for section in offer.sections {
                #expect(section.setup == "actpass")
                // The publisher's publish transport was the engine's first, this one its second.
                #expect(section.lines.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(2))"))
                #expect(section.lines.contains("a=fingerprint:sha-256 \(PublishTestEngine.fingerprintHex)"))
                #expect(section.lines.contains { $0.hasPrefix("a=candidate:") && $0.contains("127.0.0.1 40001 typ host") })
            }
            for section in offer.sections.prefix(2) {
                #expect(section.direction == "sendonly")
                #expect(section.proto == "UDP/TLS/RTP/SAVPF")
                #expect(section.lines.contains("a=rtcp-mux"))
            }
            let data = offer.sections[2]
            #expect(data.lines[0] == "m=application 40001 UDP/DTLS/SCTP webrtc-datachannel")
            #expect(data.sctpPort == 5000)
            #expect(data.maxMessageSize == 262_144)
            #expect(data.direction == nil)
            #expect(!data.lines.contains("a=rtcp-mux"))
            let audio = offer.sections[0], video = offer.sections[1]
            #expect(audio.msid == "p1 p1-0")
            #expect(video.msid == "p1 p1-1")
            #expect(audio.ssrcs.count == 1)
            #expect(audio.fidGroup == nil)
            #expect(audio.lines.contains("a=ssrc:\(audio.ssrcs[0]) cname:p1"))
            #expect(video.ssrcs.count == 2)
            #expect(video.fidGroup == video.ssrcs)
            #expect(Set(audio.ssrcs + video.ssrcs).count == 3)
            // The session's conventional numbers, not the publisher's 109/120/121.
            #expect(audio.formats == [.init(payloadType: 111, encodingName: "opus", clockRate: 48000)])
            #expect(audio.payloadTypes == [111])
            #expect(video.payloadTypes == [96, 97])
            #expect(video.format("VP8")?.payloadType == 96)
            #expect(video.rtx(for: 96)?.payloadType == 97)
            #expect(audio.extensions.map(\.uri) == [Self.audioLevel])
            #expect(Set(video.extensions.map(\.uri)) == [Self.videoOrientation, Self.playoutDelay])
            #expect(!String(buffer: response.body).contains(PublishOffer.clientUfrag))
        }
    }

    @Test("an answer: 204; the engine gets consumers mapping the publisher's payload types to the offered ones")
    func answerApplies() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let offerText = try await api.negotiateSubscription(p2)
            let offer = OfferText(offerText)
            #expect(await engine.calls.last == .applySubscription(room: "r1", participant: "p2"))
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.remote.iceUfrag == SubscribeAnswerText.clientUfrag)
            #expect(subscription.remote.icePwd == SubscribeAnswerText.clientPwd)
            #expect(subscription.remote.setup == .active)
            #expect(subscription.serverIsDTLSClient == false)
            try #require(subscription.consumers.count == 2)

            let audio = subscription.consumers[0]
            #expect(audio.publisher == "p1")
            #expect(audio.publisherMid == Mid("0"))
            #expect(audio.kind == .audio)
            #expect(audio.mid == Mid("0"))
            #expect(audio.ssrc == SSRC(offer.sections[0].ssrcs[0]))
            #expect(audio.rtxSSRC == nil)
            #expect(audio.payloadTypes == [mapping(109, 111, "opus", 48000)])
            #expect(audio.extensionIDs == [10: 6])
            #expect(audio.paused == false)

            let video = subscription.consumers[1]
            #expect(video.publisher == "p1")
            #expect(video.publisherMid == Mid("1"))
            #expect(video.kind == .video)
            #expect(video.mid == Mid("1"))
            #expect(video.ssrc == SSRC(offer.sections[1].ssrcs[0]))
            #expect(video.rtxSSRC == SSRC(offer.sections[1].ssrcs[1]))
            #expect(Set(video.payloadTypes) == [mapping(120, 96, "VP8", 90000), mapping(121, 97, "rtx", 90000, associated: 120)])
            #expect(video.extensionIDs == [13: 7, 12: 8])
            #expect(subscription.dataChannel == DataChannelTransport(remotePort: 5000, remoteMaxMessageSize: 262_144))
        }
    }

    @Test("the answer's choices: dropped extensions are not mapped, dropped RTX is not forwarded, setup:passive makes the server the DTLS client")
    func answerChoices() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            var answer = SubscribeAnswerText()
            answer.setup = "passive"
            answer.keptExtensionURIs = [Self.videoOrientation]
            var lines = answer.answer(to: String(buffer: try await api.subscribe(p2).body)).components(separatedBy: "\r\n")
            // Keep VP8 but not its RTX format.
            lines = lines.map { $0.hasPrefix("m=video ") ? $0.replacingOccurrences(of: " 96 97", with: " 96") : $0 }
                .filter { !$0.hasPrefix("a=rtpmap:97 ") && !$0.hasPrefix("a=fmtp:97 ") }
            #expect(try await api.answer(lines.joined(separator: "\r\n"), as: p2).status == .noContent)
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.serverIsDTLSClient)
            #expect(subscription.consumers.map(\.extensionIDs) == [[:], [13: 7]])
            #expect(subscription.consumers.map(\.payloadTypes) == [[mapping(109, 111, "opus", 48000)], [mapping(120, 96, "VP8", 90000)]])
        }
    }

    @Test("a rejected or inactive answer section gets no consumer")
    func rejectedSection() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            var answer = SubscribeAnswerText()
            answer.rejectedMids = ["0"]
            try await api.negotiateSubscription(p2, answer: answer)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.mid.value) == ["1"])
            // Not received: it cannot be paused.
            expectError(
                try await api.updateSubscription(p2, json: #"{"track":"p1-0","paused":true}"#), .notFound, "track_not_subscribed")
        }
    }

    @Test("a second offer renegotiates: 200 without Location, a newer ETag, the same mids, SSRCs and payload types in the same order")
    func renegotiation() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let first = OfferText(try await api.negotiateSubscription(p2))
            let second = try await api.subscribe(p2)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            #expect(second.headers[.location] == nil)
            #expect(second.headers[.eTag] == "\"2\"")
            let offer = OfferText(String(buffer: second.body))
            #expect(offer.mids == first.mids)
            #expect(offer.sections.map(\.kind) == first.sections.map(\.kind))
            #expect(offer.sections.map(\.ssrcs) == first.sections.map(\.ssrcs))
            #expect(offer.sections.map(\.payloadTypes) == first.sections.map(\.payloadTypes))
            #expect(offer.sections.map(\.msid) == first.sections.map(\.msid))
            #expect(offer.sections.allSatisfy { $0.lines.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(2))") })
            #expect(try await api.answer(SubscribeAnswerText().answer(to: String(buffer: second.body)), as: p2).status == .noContent)
        }
    }

    @Test("an unpublished track's section stays in place, a=inactive; a new publisher's tracks are appended")
    func endedTracksInPlace() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, p1, p2 in
            let first = OfferText(try await api.negotiateSubscription(p2))
            #expect(try await api.send(.delete, SubscribeFixture.publishPath("p1"), credential: p1.token).status == .noContent)

            let second = try await api.subscribe(p2)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            let ended = OfferText(String(buffer: second.body))
            #expect(ended.mids == ["0", "1", "2"])
            #expect(ended.sections.map(\.kind) == ["audio", "video", "application"])
            #expect(ended.sections.map(\.direction) == ["inactive", "inactive", nil])
            #expect(ended.sections.allSatisfy { $0.msid == nil && $0.ssrcs.isEmpty })
            #expect(ended.sections.map(\.payloadTypes) == first.sections.map(\.payloadTypes))
            #expect(ended.sessionLines.contains("a=group:BUNDLE 0 1 2"))
            #expect(try await api.answer(SubscribeAnswerText().answer(to: String(buffer: second.body)), as: p2).status == .noContent)
            #expect(await engine.appliedSubscriptions.last?.consumers.isEmpty == true)

            let p3 = try await api.createParticipant(room: "r1", #"{"id":"p3"}"#)
            let p3Offer = NumberedPublishOffer(opus: 111, vp8: 96, rtx: 97, audioSSRC: 51, videoSSRC: 52, rtxSSRC: 53)
            #expect(try await api.publish(p3Offer.text, as: p3).status == .created)
            let third = OfferText(try await api.negotiateSubscription(p2))
            // The data section keeps mid 2; p3's tracks come after it.
            #expect(third.mids == ["0", "1", "2", "3", "4"])
            #expect(third.sections.map(\.kind) == ["audio", "video", "application", "audio", "video"])
            #expect(third.sections.map(\.direction) == ["inactive", "inactive", nil, "sendonly", "sendonly"])
            #expect(third.sections.map(\.msid) == [nil, nil, nil, "p3 p3-0", "p3 p3-1"])
            #expect(Set(third.sections[3].ssrcs + third.sections[4].ssrcs).isDisjoint(with: first.sections.flatMap(\.ssrcs)))
            // The session keeps its numbering: p3's Opus and VP8 get the numbers p1's had.
            #expect(third.sections[3].payloadTypes == first.sections[0].payloadTypes)
            #expect(third.sections[4].payloadTypes == first.sections[1].payloadTypes)
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.consumers.map(\.mid.value) == ["3", "4"])
            #expect(subscription.consumers.map(\.publisher) == ["p3", "p3"])
            #expect(subscription.consumers.map(\.publisherMid.value) == ["0", "1"])
        }
    }

    @Test("a publisher that leaves: its sections turn inactive in the next offer")
    func publisherLeaves() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            try await api.negotiateSubscription(p2)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1").status == .noContent)
            let offer = OfferText(String(buffer: try await api.subscribe(p2).body))
            #expect(offer.sections.map(\.direction) == ["inactive", "inactive", nil])
        }
    }

    @Test("PATCH paused: 204, and the engine's latest subscription pauses and resumes that track only")
    func pause() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            try await api.negotiateSubscription(p2)
            let applied = await engine.appliedSubscriptions.count
            #expect(try await api.updateSubscription(p2, json: #"{"track":"p1-1","paused":true}"#).status == .noContent)
            #expect(await engine.appliedSubscriptions.count == applied + 1)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.paused) == [false, true])
            #expect(try await api.updateSubscription(p2, json: #"{"track":"p1-0","paused":true}"#).status == .noContent)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.paused) == [true, true])
            #expect(try await api.updateSubscription(p2, json: #"{"track":"p1-1","paused":false}"#).status == .noContent)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.paused) == [true, false])

            // A renegotiation keeps the pauses.
            try await api.negotiateSubscription(p2)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.paused) == [true, false])

            // A layer choice alone changes nothing the engine sees.
            let count = await engine.appliedSubscriptions.count
            #expect(try await api.updateSubscription(p2, json: #"{"track":"p1-1","maxLayer":"l"}"#).status == .noContent)
            #expect(await engine.appliedSubscriptions.count == count)
        }
    }

    @Test("{\"tracks\": [id]} limits the offer to those tracks; the operator key may subscribe for the participant")
    func namedTracks() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let response = try await api.send(.post, SubscribeFixture.subscribePath("p2"), json: #"{"tracks":["p1-1"]}"#)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            let offer = OfferText(String(buffer: response.body))
            #expect(offer.sections.map(\.kind) == ["video", "application"])
            #expect(offer.sections.map(\.msid) == ["p1 p1-1", nil])
            #expect(offer.mids == ["0", "1"])
            #expect(try await api.answer(SubscribeAnswerText().answer(to: String(buffer: response.body)), as: p2).status == .noContent)
            #expect(await engine.appliedSubscriptions.last?.consumers.map(\.publisherMid.value) == ["1"])
        }
    }

    @Test("{} after named tracks returns to the default subscription: every track, now and later")
    func backToDefault() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let named = OfferText(try await api.negotiateSubscription(p2, json: #"{"tracks":["p1-1"]}"#))
            #expect(named.sections.map(\.msid) == ["p1 p1-1", nil])
            let all = OfferText(try await api.negotiateSubscription(p2))
            #expect(all.sections.map(\.msid) == ["p1 p1-1", nil, "p1 p1-0"])
            #expect(all.mids == ["0", "1", "2"])
        }
    }

    @Test("a POST without a body is {}: the default subscription")
    func emptyBody() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let response = try await api.subscribe(p2, json: nil)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(OfferText(String(buffer: response.body)).sections.count == 3)
        }
    }

    @Test("an answer naming the latest offer in If-Match is taken")
    func ifMatchLatest() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            _ = try await api.subscribe(p2)
            let second = try await api.subscribe(p2)
            let eTag = try #require(second.headers[.eTag])
            let response = try await api.answer(
                SubscribeAnswerText().answer(to: String(buffer: second.body)), as: p2, headers: [.ifMatch: eTag])
            #expect(response.status == .noContent, "\(String(buffer: response.body))")
        }
    }

    @Test("a first offer with nothing to receive opens no transport and leaves no session: the next one is 201 again")
    func failedFirstOffer() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine, subscriber: SubscribeFixture.withoutData("p2"), offer: nil) { api, p1, p2 in
            expectError(try await api.subscribe(p2), .conflict, "nothing_to_subscribe")
            expectError(try await api.subscribe(p2), .conflict, "nothing_to_subscribe")
            #expect(await engine.calls.isEmpty)
            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .created)
            #expect(try await api.subscribe(p2).status == .created)
        }
    }

    @Test("an unusable answer leaves the offer pending: a corrected answer is then taken")
    func retryAfterUnusableAnswer() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let offer = String(buffer: try await api.subscribe(p2).body)
            var unusable = SubscribeAnswerText()
            unusable.includesFingerprint = false
            expectError(try await api.answer(unusable.answer(to: offer), as: p2), .unprocessableContent, "unusable_answer")
            #expect(try await api.answer(SubscribeAnswerText().answer(to: offer), as: p2).status == .noContent)
        }
    }

    private func mapping(_ publisher: UInt8, _ subscriber: UInt8, _ name: String, _ clockRate: UInt32, associated: UInt8? = nil)
        -> PayloadTypeMapping
    {
        PayloadTypeMapping(
            publisher: PayloadType(truncating: publisher), subscriber: PayloadType(truncating: subscriber), encodingName: name,
            clockRate: clockRate, associated: associated.map { PayloadType(truncating: $0) })
    }
}
