import ControlPlane
import Hummingbird
import HummingbirdTesting
import MediaContract
import SDP
import Testing

/// Data channels on the publish transport: data-only offers, the `data` permission, and the
/// participant's `dataChannels` list as the engine reports it.
@Suite("Publish data channels")
struct PublishDataChannelTests {
    static let path = "/v1/rooms/r1/participants/p1/publish"

    /// Runs `body` with room r1 and participant p1 (created with `participant` as its body).
    static func run(
        engine: PublishTestEngine, participant: String = #"{"id":"p1"}"#,
        _ body: @escaping @Sendable (TestAPI, CreatedParticipantBody) async throws -> Void
    ) async throws {
        try await PublishEndpointTests.withParticipant(engine: engine, participant: participant, body)
    }

    static func publish(_ api: TestAPI, _ offer: String, as participant: CreatedParticipantBody) async throws -> TestResponse {
        try await api.send(.post, path, credential: participant.token, body: offer, contentType: "application/sdp")
    }

    /// The lines of the answer's section whose `m=` line starts with `prefix`.
    static func section(_ answer: String, _ prefix: String) -> [String] {
        let lines = answer.components(separatedBy: "\r\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("m=") } ?? lines.endIndex
        return Array(lines[start..<end].filter { !$0.isEmpty })
    }

    @Test("a data-only offer: 201 and an answer with one accepted data section; the engine gets the peer's SCTP port and size")
    func dataOnly() async throws {
        let engine = PublishTestEngine()
        try await Self.run(engine: engine) { api, p1 in
            let response = try await Self.publish(api, DataPublishOffer.dataOnly, as: p1)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.location] == Self.path)
            let answer = String(buffer: response.body)
            #expect(answer.components(separatedBy: "\r\n").contains("a=group:BUNDLE 0"))
            let data = Self.section(answer, "m=")
            #expect(data.first == "m=application 40001 UDP/DTLS/SCTP webrtc-datachannel")
            #expect(data.contains("a=mid:0"))
            #expect(data.contains("a=setup:passive"))
            #expect(data.contains("a=sctp-port:5000"))
            #expect(data.contains("a=max-message-size:262144"))
            #expect(data.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(1))"))
            #expect(!answer.contains("m=audio") && !answer.contains("m=video"))

            let applied = try #require(await engine.appliedAnswers.last)
            #expect(applied.media.isEmpty)
            #expect(applied.dataChannel?.mid.value == "0")
            #expect(applied.dataChannel?.remoteSCTPPort == 5000)
            #expect(applied.dataChannel?.remoteMaxMessageSize == DataPublishOffer.maxMessageSize)
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect((participant["tracks"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("audio and data from a participant without the data permission: 201, the data section rejected (port 0)")
    func dataRejectedWithoutPermission() async throws {
        let engine = PublishTestEngine()
        try await Self.run(engine: engine, participant: SubscribeFixture.withoutData("p1")) { api, p1 in
            let response = try await Self.publish(api, DataPublishOffer.audioAndData, as: p1)
            #expect(response.status == .created, "\(String(buffer: response.body))")
            let answer = String(buffer: response.body)
            #expect(answer.components(separatedBy: "\r\n").contains("a=group:BUNDLE 0"))
            let data = Self.section(answer, "m=application")
            #expect(data.first == "m=application 0 UDP/DTLS/SCTP webrtc-datachannel")
            #expect(data.contains("a=mid:1"))
            #expect(!data.contains { $0.hasPrefix("a=sctp-port") || $0.hasPrefix("a=candidate") })
            #expect(Self.section(answer, "m=audio").first?.hasPrefix("m=audio 40001 ") == true)

            let applied = try #require(await engine.appliedAnswers.last)
            #expect(applied.dataChannel == nil)
            #expect(applied.media.map(\.mid.value) == ["0"])
            #expect(applied.rejected.map(\.reason) == [.dataChannelsNotAllowed])
        }
    }

    @Test("a data-only offer from a participant without the data permission: 422 unusable_offer, and no transport stays open")
    func dataOnlyWithoutPermission() async throws {
        let engine = PublishTestEngine()
        try await Self.run(engine: engine, participant: SubscribeFixture.withoutData("p1")) { api, p1 in
            let response = try await Self.publish(api, DataPublishOffer.dataOnly, as: p1)
            expectError(response, .unprocessableContent, "unusable_offer")
            #expect(JSONBody.error(response)?.message.contains("data channels are not allowed") == true)
            #expect(await engine.calls == [.open(room: "r1", participant: "p1"), .closePublish(room: "r1", participant: "p1")])
        }
    }

    @Test("the participant JSON lists the channels the engine reports, optional fields only when set; none once unpublished")
    func participantShowsChannels() async throws {
        let engine = PublishTestEngine()
        try await Self.run(engine: engine) { api, p1 in
            #expect(try await Self.publish(api, DataPublishOffer.dataOnly, as: p1).status == .created)
            await engine.openDataChannels([
                DataChannelDescription(label: "chat", ordered: true),
                DataChannelDescription(label: "cursor", ordered: false, maxRetransmits: 0),
                DataChannelDescription(label: "telemetry", ordered: false, maxPacketLifeTime: 500),
            ], room: "r1", participant: "p1")

            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            let channels = try #require(participant["dataChannels"] as? [[String: Any]])
            try #require(channels.count == 3)
            #expect(Set(channels[0].keys) == ["label", "ordered"])
            #expect(channels[0]["label"] as? String == "chat")
            #expect(channels[0]["ordered"] as? Bool == true)
            #expect(Set(channels[1].keys) == ["label", "ordered", "maxRetransmits"])
            #expect(channels[1]["label"] as? String == "cursor")
            #expect(channels[1]["ordered"] as? Bool == false)
            #expect(channels[1]["maxRetransmits"] as? Int == 0)
            #expect(Set(channels[2].keys) == ["label", "ordered", "maxPacketLifeTime"])
            #expect(channels[2]["maxPacketLifeTime"] as? Int == 500)

            // The room shows the same list; the participant's own token sees it too.
            let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
            let members = try #require(room["participants"] as? [[String: Any]])
            #expect((members.first?["dataChannels"] as? [[String: Any]])?.compactMap { $0["label"] as? String } == ["chat", "cursor", "telemetry"])
            let own = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1", credential: p1.token))
            #expect((own["dataChannels"] as? [Any])?.count == 3)

            #expect(try await api.send(.delete, Self.path, credential: p1.token).status == .noContent)
            let after = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect((after["dataChannels"] as? [Any])?.isEmpty == true)
        }
    }
}
