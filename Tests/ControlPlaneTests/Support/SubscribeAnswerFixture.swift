import ControlPlane
import Hummingbird
import HummingbirdTesting
import ServerConfig
import Testing

/// A browser-like publish offer like ``PublishOffer`` but with payload types and header
/// extension ids of the test's choice, so that tests can tell the publisher's numbering from the
/// subscriber's: Opus (and RED over it) on mid 0, VP8 with RTX on mid 1.
struct NumberedPublishOffer {
    var opus = 109
    /// RED over Opus (`a=fmtp:<red> <opus>/<opus>`), when set.
    var red: Int?
    var vp8 = 120
    var rtx = 121
    var audioSSRC: UInt32 = 41_000_001
    var videoSSRC: UInt32 = 41_000_002
    var rtxSSRC: UInt32 = 41_000_003
    /// The publisher's extension ids: audio level, abs-send-time, video orientation, playout delay.
    var audioLevelID = 10
    var absSendTimeID = 3
    var videoOrientationID = 13
    var playoutDelayID = 12

    var text: String {
        let audioTypes = [opus] + (red.map { [$0] } ?? [])
        var lines = [
            "v=0", "o=- 5511731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1", "a=msid-semantic: WMS cam",
            "m=audio 9 UDP/TLS/RTP/SAVPF \(audioTypes.map(String.init).joined(separator: " "))",
        ]
        lines += transport(mid: "0") + [
            "a=extmap:\(audioLevelID) urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:\(absSendTimeID) http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=sendonly", "a=msid:cam mic-track", "a=rtcp-mux",
            "a=rtpmap:\(opus) opus/48000/2", "a=fmtp:\(opus) minptime=10;useinbandfec=1",
        ]
        if let red { lines += ["a=rtpmap:\(red) red/48000/2", "a=fmtp:\(red) \(opus)/\(opus)"] }
        lines += ["a=ssrc:\(audioSSRC) cname:tester", "m=video 9 UDP/TLS/RTP/SAVPF \(vp8) \(rtx)"]
        lines += transport(mid: "1") + [
            "a=extmap:\(absSendTimeID) http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:\(videoOrientationID) urn:3gpp:video-orientation",
            "a=extmap:\(playoutDelayID) http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
            "a=sendonly", "a=msid:cam cam-track", "a=rtcp-mux", "a=rtcp-rsize",
            "a=rtpmap:\(vp8) VP8/90000", "a=rtcp-fb:\(vp8) nack", "a=rtcp-fb:\(vp8) nack pli",
            "a=rtpmap:\(rtx) rtx/90000", "a=fmtp:\(rtx) apt=\(vp8)",
            "a=ssrc-group:FID \(videoSSRC) \(rtxSSRC)", "a=ssrc:\(videoSSRC) cname:tester", "a=ssrc:\(rtxSSRC) cname:tester",
        ]
        return PublishOffer.joined(lines)
    }

    private func transport(mid: String) -> [String] {
        [
            "c=IN IP4 0.0.0.0", "a=ice-ufrag:\(PublishOffer.clientUfrag)", "a=ice-pwd:\(PublishOffer.clientPwd)",
            "a=ice-options:trickle", "a=fingerprint:\(PublishOffer.clientFingerprint)", "a=setup:actpass", "a=mid:\(mid)",
        ]
    }
}

/// Room r1 with a publisher and a subscriber, for the subscribe endpoint tests.
enum SubscribeFixture {
    static func publishPath(_ participant: String) -> String { "/v1/rooms/r1/participants/\(participant)/publish" }
    static func subscribePath(_ participant: String) -> String { "/v1/rooms/r1/participants/\(participant)/subscribe" }
    /// The creation body of a participant `id` with every permission but `data`.
    static func withoutData(_ id: String) -> String { #"{"id":"\#(id)","permissions":{"data":false}}"# }

    /// Runs `body` with room r1, publisher p1 and subscriber p2 (created with these bodies);
    /// p1 has published `offer` first unless it is nil.
    static func run(
        engine: PublishTestEngine? = PublishTestEngine(), events: RoomEventHub = RoomEventHub(),
        configuration: ServerConfiguration = TestServer.configuration(),
        publisher: String = #"{"id":"p1"}"#, subscriber: String = #"{"id":"p2"}"#, offer: String? = NumberedPublishOffer().text,
        _ body: @escaping @Sendable (TestAPI, _ publisher: CreatedParticipantBody, _ subscriber: CreatedParticipantBody) async throws -> Void
    ) async throws {
        try await TestServer.run(configuration, engine: engine, events: events) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", publisher)
            let p2 = try await api.createParticipant(room: "r1", subscriber)
            if let offer {
                let published = try await api.publish(offer, as: p1)
                try #require(published.status == .created, "publish answered \(published.status): \(String(buffer: published.body))")
            }
            try await body(api, p1, p2)
        }
    }
}

extension TestAPI {
    /// `POST …/publish` of `offer` with the participant's token.
    func publish(_ offer: String, as participant: CreatedParticipantBody) async throws -> TestResponse {
        try await send(
            .post, SubscribeFixture.publishPath(participant.id), credential: participant.token, body: offer, contentType: "application/sdp")
    }

    /// `POST …/subscribe` with the participant's token and `json` (no body when nil).
    func subscribe(_ participant: CreatedParticipantBody, json: String? = "{}") async throws -> TestResponse {
        let path = SubscribeFixture.subscribePath(participant.id)
        guard let json else { return try await send(.post, path, credential: participant.token) }
        return try await send(.post, path, credential: participant.token, json: json)
    }

    /// `PUT …/subscribe` of `answer` with the participant's token.
    func answer(_ answer: String, as participant: CreatedParticipantBody, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(
            .put, SubscribeFixture.subscribePath(participant.id), credential: participant.token, body: answer,
            contentType: "application/sdp", headers: headers)
    }

    /// `PATCH …/subscribe` with `json` and the participant's token.
    func updateSubscription(_ participant: CreatedParticipantBody, json: String) async throws -> TestResponse {
        try await send(.patch, SubscribeFixture.subscribePath(participant.id), credential: participant.token, json: json)
    }

    /// An offer (`POST …/subscribe` answered 200 or 201), then the default answer to it (204);
    /// returns the offer's text.
    @discardableResult
    func negotiateSubscription(
        _ participant: CreatedParticipantBody, json: String = "{}", answer: SubscribeAnswerText = SubscribeAnswerText(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let offer = try await subscribe(participant, json: json)
        try #require(
            offer.status == .created || offer.status == .ok, "subscribe answered \(offer.status): \(String(buffer: offer.body))",
            sourceLocation: sourceLocation)
        let text = String(buffer: offer.body)
        let answered = try await self.answer(answer.answer(to: text), as: participant)
        try #require(
            answered.status == .noContent, "the answer got \(answered.status): \(String(buffer: answered.body))", sourceLocation: sourceLocation)
        return text
    }
}
