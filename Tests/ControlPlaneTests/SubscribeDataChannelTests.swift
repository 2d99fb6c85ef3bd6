import ControlPlane
import Hummingbird
import HummingbirdTesting
import MediaContract
import Testing

/// The data section of subscribe offers: offered to participants with the `data` permission
/// (even with no track to receive), never moved, and what the answer settles for it in the
/// engine's ``Subscription``.
@Suite("Subscribe data channels")
struct SubscribeDataChannelTests {
    @Test("nothing but data to receive: 201 with an offer holding only the data section")
    func dataOnlyOffer() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine, offer: nil) { api, _, p2 in
            let response = try await api.subscribe(p2)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.location] == SubscribeFixture.subscribePath("p2"))
            #expect(await engine.calls == [.openSubscribe(room: "r1", participant: "p2")])
            let offer = OfferText(String(buffer: response.body))
            #expect(offer.sessionLines.contains("a=ice-lite"))
            #expect(offer.sessionLines.contains("a=group:BUNDLE 0"))
            try #require(offer.sections.count == 1)
            let data = offer.sections[0]
            #expect(data.lines[0] == "m=application 40001 UDP/DTLS/SCTP webrtc-datachannel")
            #expect(data.mid == "0")
            #expect(data.setup == "actpass")
            #expect(data.sctpPort == 5000)
            #expect(data.maxMessageSize == 262_144)
            #expect(data.lines.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(1))"))
            #expect(data.lines.contains("a=fingerprint:sha-256 \(PublishTestEngine.fingerprintHex)"))

            var answer = SubscribeAnswerText()
            answer.maxMessageSize = 65536
            #expect(try await api.answer(answer.answer(to: String(buffer: response.body)), as: p2).status == .noContent)
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.consumers.isEmpty)
            #expect(subscription.dataChannel == DataChannelTransport(remotePort: 5000, remoteMaxMessageSize: 65536))
        }
    }

    @Test("an answered data section without sctp-port or max-message-size: RFC 8841's defaults, 5000 and 65536")
    func answerDefaults() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            var answer = SubscribeAnswerText()
            answer.sctpPort = nil
            answer.maxMessageSize = nil
            try await api.negotiateSubscription(p2, answer: answer)
            #expect(await engine.appliedSubscriptions.last?.dataChannel == DataChannelTransport(remotePort: 5000, remoteMaxMessageSize: 65536))
        }
    }

    @Test("without the data permission: no data section, no dataChannel, and 409 when there is no track either")
    func withoutDataPermission() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine, subscriber: SubscribeFixture.withoutData("p2"), offer: nil) { api, p1, p2 in
            expectError(try await api.subscribe(p2), .conflict, "nothing_to_subscribe")
            #expect(await engine.calls.isEmpty)

            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .created)
            let offer = OfferText(try await api.negotiateSubscription(p2))
            #expect(offer.sections.map(\.kind) == ["audio", "video"])
            #expect(offer.sessionLines.contains("a=group:BUNDLE 0 1"))
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.consumers.count == 2)
            #expect(subscription.dataChannel == nil)
        }
    }

    @Test("a data-only session keeps its data section first; tracks published later are appended after it")
    func dataFirstThenTracks() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine, offer: nil) { api, p1, p2 in
            let first = OfferText(try await api.negotiateSubscription(p2))
            #expect(first.sections.map(\.kind) == ["application"])

            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .created)
            let response = try await api.subscribe(p2)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let second = OfferText(String(buffer: response.body))
            #expect(second.sections.map(\.kind) == ["application", "audio", "video"])
            #expect(second.mids == ["0", "1", "2"])
            #expect(second.sections.map(\.msid) == [nil, "p1 p1-0", "p1 p1-1"])
            #expect(try await api.answer(SubscribeAnswerText().answer(to: String(buffer: response.body)), as: p2).status == .noContent)
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.consumers.map(\.mid.value) == ["1", "2"])
            #expect(subscription.dataChannel != nil)
        }
    }

    @Test("a rejected data section (port 0): no dataChannel, the tracks still received; the next offer still has it in place")
    func rejectedDataSection() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            var answer = SubscribeAnswerText()
            answer.rejectedMids = ["2"]
            let first = OfferText(try await api.negotiateSubscription(p2, answer: answer))
            #expect(first.sections.map(\.kind) == ["audio", "video", "application"])
            let subscription = try #require(await engine.appliedSubscriptions.last)
            #expect(subscription.dataChannel == nil)
            #expect(subscription.consumers.map(\.mid.value) == ["0", "1"])

            let second = OfferText(try await api.negotiateSubscription(p2))
            #expect(second.sections.map(\.kind) == ["audio", "video", "application"])
            #expect(second.sections[2].port == 40001)
            #expect(await engine.appliedSubscriptions.last?.dataChannel == DataChannelTransport(remotePort: 5000, remoteMaxMessageSize: 262_144))
        }
    }

    @Test("an accepted data section with a=sctp-port:0: 422 unusable_answer, and the offer stays pending")
    func zeroSCTPPort() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let offer = String(buffer: try await api.subscribe(p2).body)
            var answer = SubscribeAnswerText()
            answer.sctpPort = 0
            let response = try await api.answer(answer.answer(to: offer), as: p2)
            expectError(response, .unprocessableContent, "unusable_answer")
            #expect(JSONBody.error(response)?.message.contains("a=sctp-port:0") == true)
            #expect(await engine.appliedSubscriptions.isEmpty)
            #expect(try await api.answer(SubscribeAnswerText().answer(to: offer), as: p2).status == .noContent)
        }
    }
}
