import ControlPlane
import Hummingbird
import HummingbirdTesting
import Testing

/// Every refusal of `POST`/`PUT`/`PATCH …/participants/{p}/subscribe`: status and error code.
/// p1 publishes ``NumberedPublishOffer`` (tracks p1-0 and p1-1) unless a test says otherwise;
/// p2 subscribes.
@Suite("Subscribe endpoint errors")
struct SubscribeEndpointErrorTests {
    static let path = SubscribeFixture.subscribePath("p2")
    static let pause = #"{"track":"p1-0","paused":true}"#

    /// POST, PUT and PATCH with `credential`, each with a body it would take.
    static func everyMethod(_ api: TestAPI, path: String = path, credential: String?) async throws -> [TestResponse] {
        [
            try await api.send(.post, path, credential: credential, body: "{}", contentType: "application/json"),
            try await api.send(.put, path, credential: credential, body: "v=0\r\n", contentType: "application/sdp"),
            try await api.send(.patch, path, credential: credential, body: pause, contentType: "application/json"),
        ]
    }

    @Test("missing or bad credentials: 401 with WWW-Authenticate")
    func unauthorized() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            for response in try await Self.everyMethod(api, credential: nil) {
                expectError(response, .unauthorized, "missing_credentials")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            for response in try await Self.everyMethod(api, credential: "not-an-operator-key") {
                expectError(response, .unauthorized, "unknown_key")
            }
            let parts = p2.token.split(separator: ".")
            let forged = "\(parts[0]).\(parts[1]).\(String(parts[2].reversed()))"
            for response in try await Self.everyMethod(api, credential: forged) {
                expectError(response, .unauthorized, "invalid_signature")
            }
        }
    }

    @Test("another participant's token: 403 other_participant; a token of another room: 403 other_room")
    func forbidden() async throws {
        try await SubscribeFixture.run { api, p1, _ in
            for response in try await Self.everyMethod(api, credential: p1.token) {
                expectError(response, .forbidden, "other_participant")
            }
            _ = try await api.createRoom(#"{"id":"r2"}"#)
            let elsewhere = try await api.createParticipant(room: "r2", #"{"id":"p2"}"#)
            for response in try await Self.everyMethod(api, credential: elsewhere.token) {
                expectError(response, .forbidden, "other_room")
            }
        }
    }

    @Test("without the subscribe permission: 403 permission_denied, whatever the credential, and the engine is not asked")
    func noPermission() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine, subscriber: #"{"id":"p2","permissions":{"subscribe":false}}"#) { api, _, p2 in
            let callsBefore = await engine.calls
            for credential in [p2.token, TestServer.operatorKey] {
                for response in try await Self.everyMethod(api, credential: credential) {
                    expectError(response, .forbidden, "permission_denied")
                }
            }
            #expect(await engine.calls == callsBefore)
        }
    }

    @Test("an unknown room or participant: 404")
    func unknownTarget() async throws {
        try await SubscribeFixture.run { api, _, _ in
            for response in try await Self.everyMethod(api, path: "/v1/rooms/r9/participants/p2/subscribe", credential: TestServer.operatorKey) {
                expectError(response, .notFound, "room_not_found")
            }
            for response in try await Self.everyMethod(api, path: SubscribeFixture.subscribePath("ghost"), credential: TestServer.operatorKey) {
                expectError(response, .notFound, "participant_not_found")
            }
        }
    }

    @Test("a named track the room does not have: 404 track_not_found (POST and PATCH)")
    func unknownTrack() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            expectError(try await api.subscribe(p2, json: #"{"tracks":["p1-0","ghost"]}"#), .notFound, "track_not_found")
            expectError(try await api.updateSubscription(p2, json: #"{"track":"ghost","paused":true}"#), .notFound, "track_not_found")
            expectError(try await api.updateSubscription(p2, json: #"{"track":"ghost","maxLayer":"h"}"#), .notFound, "track_not_found")
            // The refused offer left no negotiation behind.
            #expect(try await api.subscribe(p2).status == .created)
        }
    }

    @Test("PATCH of a track the participant does not receive: 404 track_not_subscribed")
    func trackNotSubscribed() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            expectError(try await api.updateSubscription(p2, json: Self.pause), .notFound, "track_not_subscribed")
            // Offered but not answered yet.
            _ = try await api.subscribe(p2)
            expectError(try await api.updateSubscription(p2, json: Self.pause), .notFound, "track_not_subscribed")
            // Answered, but only p1-1 was asked for.
            try await api.negotiateSubscription(p2, json: #"{"tracks":["p1-1"]}"#)
            expectError(try await api.updateSubscription(p2, json: Self.pause), .notFound, "track_not_subscribed")
            expectError(
                try await api.updateSubscription(p2, json: #"{"track":"p1-0","maxLayer":"m"}"#), .notFound, "track_not_subscribed")
            #expect(try await api.updateSubscription(p2, json: #"{"track":"p1-1","paused":true}"#).status == .noContent)
        }
    }

    @Test("other methods: 405 with Allow", arguments: [HTTPRequest.Method.get, .delete])
    func otherMethods(method: HTTPRequest.Method) async throws {
        try await SubscribeFixture.run(offer: nil) { api, _, p2 in
            for credential in [p2.token, nil] {
                let response = try await api.send(method, Self.path, credential: credential)
                expectError(response, .methodNotAllowed, "method_not_allowed")
                #expect(response.headers[.allow] == "POST, PUT, PATCH")
            }
        }
    }

    @Test("nothing to receive without the data permission: 409 nothing_to_subscribe (an empty room, or only one's own tracks)")
    func nothingToSubscribe() async throws {
        try await SubscribeFixture.run(
            publisher: SubscribeFixture.withoutData("p1"), subscriber: SubscribeFixture.withoutData("p2"), offer: nil
        ) { api, p1, p2 in
            expectError(try await api.subscribe(p2), .conflict, "nothing_to_subscribe")
            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .created)
            expectError(try await api.subscribe(p1), .conflict, "nothing_to_subscribe")
            #expect(try await api.subscribe(p2).status == .created)
        }
    }

    @Test("an answer without an offer awaiting it: 409 no_pending_offer")
    func noPendingOffer() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let early = try await api.answer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", as: p2)
            expectError(early, .conflict, "no_pending_offer")
            let offer = try await api.negotiateSubscription(p2)
            expectError(try await api.answer(SubscribeAnswerText().answer(to: offer), as: p2), .conflict, "no_pending_offer")
        }
    }

    @Test("an answer to an earlier offer: 409 offer_superseded, by If-Match or by its sections")
    func offerSuperseded() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let first = try await api.subscribe(p2)
            let second = try await api.subscribe(p2)
            #expect(first.headers[.eTag] == "\"1\"")
            #expect(second.headers[.eTag] == "\"2\"")
            let answer = SubscribeAnswerText().answer(to: String(buffer: second.body))
            for ifMatch in ["\"1\"", "\"3\"", "1", "\"\"", "W/\"2\"", "\"two\""] {
                expectError(try await api.answer(answer, as: p2, headers: [.ifMatch: ifMatch]), .conflict, "offer_superseded")
            }
            // An answer with another number of sections (e.g. to an offer before a track came).
            let oneSection = answer.components(separatedBy: "m=video")[0].replacingOccurrences(
                of: "a=group:BUNDLE 0 1 2", with: "a=group:BUNDLE 0")
            expectError(try await api.answer(oneSection, as: p2), .conflict, "offer_superseded")
            #expect(try await api.answer(answer, as: p2, headers: [.ifMatch: "\"2\""]).status == .noContent)
        }
    }

    @Test("PUT and POST bodies over limits.maxBodyBytes: 413")
    func tooLarge() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            _ = try await api.subscribe(p2)
            let bigSDP = "v=0\r\n" + String(repeating: "a=x-padding:0123456789abcdef\r\n", count: 200)
            expectError(try await api.answer(bigSDP, as: p2), .contentTooLarge, "body_too_large")
            let bigJSON = #"{"tracks":["# + Array(repeating: #""p1-0""#, count: 800).joined(separator: ",") + "]}"
            expectError(try await api.subscribe(p2, json: bigJSON), .contentTooLarge, "body_too_large")
            let bigPatch = #"{"track":"p1-0","paused":true,"pad":""# + String(repeating: "x", count: 5000) + #""}"#
            expectError(try await api.updateSubscription(p2, json: bigPatch), .contentTooLarge, "body_too_large")
        }
    }

    @Test("a body of another content type: 415")
    func wrongContentType() async throws {
        try await SubscribeFixture.run { api, _, p2 in
            let offer = String(buffer: try await api.subscribe(p2).body)
            let answer = SubscribeAnswerText().answer(to: offer)
            for contentType in ["application/json", "text/plain", nil] {
                expectError(
                    try await api.send(.put, Self.path, credential: p2.token, body: answer, contentType: contentType),
                    .unsupportedMediaType, "unsupported_media_type")
            }
            for contentType in ["application/sdp", "text/plain"] {
                expectError(
                    try await api.send(.post, Self.path, credential: p2.token, body: "{}", contentType: contentType),
                    .unsupportedMediaType, "unsupported_media_type")
                expectError(
                    try await api.send(.patch, Self.path, credential: p2.token, body: Self.pause, contentType: contentType),
                    .unsupportedMediaType, "unsupported_media_type")
            }
            expectError(
                try await api.send(.post, Self.path, credential: p2.token, body: "{}"), .unsupportedMediaType, "unsupported_media_type")
            // The refused answers left the offer pending.
            #expect(try await api.answer(answer, as: p2).status == .noContent)
        }
    }

    @Test("an answer that is not SDP: 400 invalid_sdp naming the line")
    func invalidSDP() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let offer = String(buffer: try await api.subscribe(p2).body)
            var lines = SubscribeAnswerText().answer(to: offer).components(separatedBy: "\r\n")
            let index = try #require(lines.firstIndex { $0.hasPrefix("m=video ") })
            lines[index] = "m=video nine UDP/TLS/RTP/SAVPF 96 97"
            let response = try await api.answer(lines.joined(separator: "\r\n"), as: p2)
            expectError(response, .badRequest, "invalid_sdp")
            #expect(JSONBody.error(response)?.message.contains("line \(index + 1)") == true, "\(JSONBody.error(response)?.message ?? "")")
            expectError(try await api.answer("hello", as: p2), .badRequest, "invalid_sdp")
            #expect(await engine.appliedSubscriptions.isEmpty)
        }
    }

    @Test("POST bodies: 400 invalid_json, invalid_identifier, invalid_field", arguments: [
        ("{", "invalid_json"), ("[]", "invalid_json"), ("\"tracks\"", "invalid_json"),
        (#"{"tracks":["bad id"]}"#, "invalid_identifier"), (#"{"tracks":[""]}"#, "invalid_identifier"),
        (#"{"tracks":["."]}"#, "invalid_identifier"), (#"{"tracks":"p1-0"}"#, "invalid_field"), (#"{"tracks":[1]}"#, "invalid_field"),
    ])
    func invalidPostBody(body: String, code: String) async throws {
        try await SubscribeFixture.run { api, _, p2 in
            expectError(try await api.subscribe(p2, json: body), .badRequest, code)
        }
    }

    @Test("PATCH bodies: 400 invalid_json, invalid_identifier, invalid_field", arguments: [
        ("{", "invalid_json"), ("[]", "invalid_json"), ("{}", "invalid_field"), (#"{"paused":true}"#, "invalid_field"),
        (#"{"track":"bad id","paused":true}"#, "invalid_identifier"), (#"{"track":7,"paused":true}"#, "invalid_field"),
        (#"{"track":"p1-0","paused":"yes"}"#, "invalid_field"), (#"{"track":"p1-0","maxLayer":"x"}"#, "invalid_field"),
        (#"{"track":"p1-0"}"#, "invalid_field"),
    ])
    func invalidPatchBody(body: String, code: String) async throws {
        try await SubscribeFixture.run { api, _, p2 in
            try await api.negotiateSubscription(p2)
            expectError(try await api.updateSubscription(p2, json: body), .badRequest, code)
        }
    }

    @Test("subscribing to one's own track: 422 own_track")
    func ownTrack() async throws {
        try await SubscribeFixture.run { api, p1, _ in
            expectError(try await api.subscribe(p1, json: #"{"tracks":["p1-1"]}"#), .unprocessableContent, "own_track")
        }
    }

    @Test("answers that parse but cannot be used: 422 unusable_answer", arguments: ["fingerprint", "actpass", "ice", "sendonly", "bundle"])
    func unusableAnswer(flaw: String) async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            let offer = String(buffer: try await api.subscribe(p2).body)
            var answer = SubscribeAnswerText()
            switch flaw {
            case "fingerprint": answer.includesFingerprint = false
            case "actpass": answer.setup = "actpass"
            case "ice": answer.includesICECredentials = false
            default: break
            }
            var text = answer.answer(to: offer)
            if flaw == "sendonly" { text = text.replacingOccurrences(of: "a=recvonly", with: "a=sendonly") }
            if flaw == "bundle" {
                text = text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("a=group:BUNDLE") }.joined(separator: "\r\n")
            }
            let response = try await api.answer(text, as: p2)
            expectError(response, .unprocessableContent, "unusable_answer")
            #expect(await engine.appliedSubscriptions.isEmpty)
        }
    }

    @Test("a server without a media engine: 503 media_unavailable")
    func noEngine() async throws {
        try await SubscribeFixture.run(engine: nil, offer: nil) { api, _, p2 in
            for response in try await Self.everyMethod(api, credential: p2.token) {
                expectError(response, .serviceUnavailable, "media_unavailable")
            }
        }
    }

    @Test("the engine's refusal to open the subscribe transport keeps its status and ends the negotiation")
    func engineAtCapacity() async throws {
        let engine = PublishTestEngine()
        try await SubscribeFixture.run(engine: engine) { api, _, p2 in
            await engine.failOpening(with: .atCapacity("Every worker is full."))
            let response = try await api.subscribe(p2)
            expectError(response, .serviceUnavailable, "media_capacity")
            await engine.failOpening(with: nil)
            #expect(try await api.subscribe(p2).status == .created)
        }
    }
}
