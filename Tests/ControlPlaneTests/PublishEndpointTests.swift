import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import SDP
import ServerConfig
import Testing

/// `POST`/`PATCH`/`DELETE …/participants/{p}/publish` at the HTTP level, against
/// ``PublishTestEngine`` (a test double that hands out fixed transport parameters).
@Suite("Publish endpoints")
struct PublishEndpointTests {
    static let path = "/v1/rooms/r1/participants/p1/publish"

    /// Runs `body` with room r1 and participant p1 (created with `participant` as its body).
    static func withParticipant(
        engine: PublishTestEngine? = PublishTestEngine(), participant: String = #"{"id":"p1"}"#,
        configuration: ServerConfiguration = TestServer.configuration(),
        _ body: @escaping @Sendable (TestAPI, CreatedParticipantBody) async throws -> Void
    ) async throws {
        try await TestServer.run(configuration, engine: engine) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let created = try await api.createParticipant(room: "r1", participant)
            try await body(api, created)
        }
    }

    @Test("a first offer: 201, application/sdp, Location, an ICE-lite passive answer with the engine's transport")
    func firstOffer() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            let response = try await api.send(
                .post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/sdp")
            #expect(response.headers[.location] == Self.path)
            let answer = String(buffer: response.body)
            let lines = answer.components(separatedBy: "\r\n")
            #expect(lines.contains("a=ice-lite"))
            #expect(lines.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(1))"))
            #expect(lines.contains("a=ice-pwd:\(PublishTestEngine.icePwd)"))
            #expect(lines.contains("a=fingerprint:sha-256 \(PublishTestEngine.fingerprintHex)"))
            #expect(lines.contains("a=setup:passive"))
            #expect(lines.contains("a=group:BUNDLE 0 1"))
            #expect(lines.contains { $0.hasPrefix("a=candidate:") && $0.contains("127.0.0.1 40001 typ host") })
            #expect(lines.contains("a=recvonly"))
            #expect(!answer.contains(PublishOffer.clientUfrag))

            #expect(await engine.calls == [.open(room: "r1", participant: "p1"), .apply(room: "r1", participant: "p1")])
            let applied = try #require(await engine.appliedAnswers.first)
            #expect(applied.media.map(\.kind) == [.audio, .video])
            #expect(applied.remoteTransport.iceUfrag == PublishOffer.clientUfrag)
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect(participant["state"] as? String == "connecting")
        }
    }

    @Test("a second offer renegotiates the same transport: 200, same ICE credentials, newer session version")
    func renegotiation() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            let first = try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            #expect(first.status == .created)
            let audioOnly = PublishOffer.joined(Array(PublishOffer.lines.prefix(20)).map { $0 == "a=group:BUNDLE 0 1" ? "a=group:BUNDLE 0" : $0 })
            let second = try await api.send(.post, Self.path, credential: p1.token, body: audioOnly, contentType: "application/sdp")
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            #expect(second.headers[.location] == nil)
            let answer = String(buffer: second.body)
            #expect(answer.contains("a=ice-ufrag:\(PublishTestEngine.ufrag(1))\r\n"))
            #expect(answer.contains("a=fingerprint:sha-256 \(PublishTestEngine.fingerprintHex)\r\n"))
            let origin = { (text: String) in text.components(separatedBy: "\r\n").first { $0.hasPrefix("o=") } ?? "" }
            let firstOrigin = origin(String(buffer: first.body)).split(separator: " ")
            let secondOrigin = origin(answer).split(separator: " ")
            #expect(firstOrigin[1] == secondOrigin[1])
            #expect(Int(secondOrigin[2]) == Int(firstOrigin[2]).map { $0 + 1 })
            #expect(await engine.appliedAnswers.count == 2)
            #expect(await engine.appliedAnswers.last?.media.map(\.kind) == [.audio])
        }
    }

    @Test("an offer of another content type: 415")
    func wrongContentType() async throws {
        try await Self.withParticipant { api, p1 in
            for contentType in ["application/json", "text/plain"] {
                let response = try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: contentType)
                expectError(response, .unsupportedMediaType, "unsupported_media_type")
            }
            expectError(
                try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text), .unsupportedMediaType,
                "unsupported_media_type")
        }
    }

    @Test("SDP that does not parse: 400 invalid_sdp naming the line")
    func garbledSDP() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            var lines = PublishOffer.lines
            let index = try #require(lines.firstIndex(of: "m=video 9 UDP/TLS/RTP/SAVPF 96 97"))
            lines[index] = "m=video nine UDP/TLS/RTP/SAVPF 96 97"
            let response = try await api.send(
                .post, Self.path, credential: p1.token, body: PublishOffer.joined(lines), contentType: "application/sdp")
            expectError(response, .badRequest, "invalid_sdp")
            let message = JSONBody.error(response)?.message ?? ""
            #expect(message.contains("line \(index + 1) "), "\(message)")
            #expect(message.contains("m=video nine"), "\(message)")

            var badFingerprint = PublishOffer.lines
            badFingerprint[11] = "a=fingerprint:sha-256 0F:1E:ZZ"
            let second = try await api.send(
                .post, Self.path, credential: p1.token, body: PublishOffer.joined(badFingerprint), contentType: "application/sdp")
            expectError(second, .badRequest, "invalid_sdp")
            #expect(JSONBody.error(second)?.message.contains("line 12 ") == true)
            #expect(await engine.calls.isEmpty)
        }
    }

    @Test("an offer without a DTLS fingerprint: 422 unusable_offer, and the transport opened for it closes")
    func noFingerprint() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            let lines = PublishOffer.lines.filter { !$0.hasPrefix("a=fingerprint:") }
            let response = try await api.send(
                .post, Self.path, credential: p1.token, body: PublishOffer.joined(lines), contentType: "application/sdp")
            expectError(response, .unprocessableContent, "unusable_offer")
            #expect(JSONBody.error(response)?.message.contains("fingerprint") == true)
            #expect(await engine.calls == [.open(room: "r1", participant: "p1"), .closePublish(room: "r1", participant: "p1")])
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect(participant["state"] as? String == "new")
            expectError(
                try await api.send(.delete, Self.path, credential: p1.token), .notFound, "publish_transport_not_found")
        }
    }

    @Test("a failed renegotiation keeps the open transport")
    func failedRenegotiationKeepsTransport() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            #expect(try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp").status == .created)
            let noBundle = PublishOffer.joined(PublishOffer.lines.filter { !$0.hasPrefix("a=group:") })
            let response = try await api.send(.post, Self.path, credential: p1.token, body: noBundle, contentType: "application/sdp")
            expectError(response, .unprocessableContent, "unusable_offer")
            #expect(await !engine.calls.contains(.closePublish(room: "r1", participant: "p1")))
            #expect(try await api.send(.delete, Self.path, credential: p1.token).status == .noContent)
        }
    }

    @Test("without the publish permission: 403 permission_denied, whatever the credential")
    func noPermission() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine, participant: #"{"id":"p1","permissions":{"publish":false}}"#) { api, p1 in
            for credential in [p1.token, TestServer.operatorKey] {
                expectError(
                    try await api.send(.post, Self.path, credential: credential, body: PublishOffer.text, contentType: "application/sdp"),
                    .forbidden, "permission_denied")
                expectError(
                    try await api.send(.patch, Self.path, credential: credential, body: "a=end-of-candidates", contentType: "application/trickle-ice-sdpfrag"),
                    .forbidden, "permission_denied")
                expectError(try await api.send(.delete, Self.path, credential: credential), .forbidden, "permission_denied")
            }
            #expect(await engine.calls.isEmpty)
        }
    }

    @Test("another participant's token: 403 other_participant; no credentials: 401")
    func otherParticipant() async throws {
        try await Self.withParticipant { api, _ in
            let p2 = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            expectError(
                try await api.send(.post, Self.path, credential: p2.token, body: PublishOffer.text, contentType: "application/sdp"),
                .forbidden, "other_participant")
            expectError(
                try await api.send(.post, Self.path, credential: nil, body: PublishOffer.text, contentType: "application/sdp"),
                .unauthorized, "missing_credentials")
            expectError(
                try await api.send(.post, "/v1/rooms/r1/participants/ghost/publish", body: PublishOffer.text, contentType: "application/sdp"),
                .notFound, "participant_not_found")
        }
    }

    @Test("a server without a media engine answers every publish call 503 media_unavailable")
    func noEngine() async throws {
        try await Self.withParticipant(engine: nil) { api, p1 in
            let post = try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            expectError(post, .serviceUnavailable, "media_unavailable")
            expectError(
                try await api.send(.patch, Self.path, credential: p1.token, body: "a=end-of-candidates", contentType: "application/trickle-ice-sdpfrag"),
                .serviceUnavailable, "media_unavailable")
            expectError(try await api.send(.delete, Self.path, credential: p1.token), .serviceUnavailable, "media_unavailable")
        }
    }

    @Test("the engine's own refusals keep their status: at capacity is 503 media_capacity")
    func engineAtCapacity() async throws {
        let engine = PublishTestEngine()
        await engine.failOpening(with: .atCapacity("Every worker is full."))
        try await Self.withParticipant(engine: engine) { api, p1 in
            let response = try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            expectError(response, .serviceUnavailable, "media_capacity")
            #expect(JSONBody.error(response)?.message == "Every worker is full.")
        }
    }

    @Test("an SDP body over limits.maxBodyBytes: 413")
    func tooLarge() async throws {
        try await Self.withParticipant(configuration: TestServer.configuration(maxBodyBytes: 1024)) { api, p1 in
            let response = try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp")
            expectError(response, .contentTooLarge, "body_too_large")
        }
    }

    @Test("trickle: 204 for candidates of the negotiated session, 404 before publishing, 400 naming a bad line, 422 for other credentials")
    func trickle() async throws {
        try await Self.withParticipant { api, p1 in
            let fragmentType = "application/trickle-ice-sdpfrag"
            let fragment = [
                "a=ice-ufrag:\(PublishOffer.clientUfrag)", "a=ice-pwd:\(PublishOffer.clientPwd)", "m=audio 9 UDP/TLS/RTP/SAVPF 0",
                "a=mid:0", "a=candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host generation 0", "a=end-of-candidates",
            ].joined(separator: "\r\n") + "\r\n"
            expectError(
                try await api.send(.patch, Self.path, credential: p1.token, body: fragment, contentType: fragmentType), .notFound,
                "publish_transport_not_found")
            #expect(try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp").status == .created)
            #expect(try await api.send(.patch, Self.path, credential: p1.token, body: fragment, contentType: fragmentType).status == .noContent)

            let badCandidate = "a=mid:0\r\na=candidate:1 1 udp notanumber 192.0.2.10 54400 typ host\r\n"
            let bad = try await api.send(.patch, Self.path, credential: p1.token, body: badCandidate, contentType: fragmentType)
            expectError(bad, .badRequest, "invalid_sdpfrag")
            #expect(JSONBody.error(bad)?.message.contains("line 2 ") == true)

            let restart = fragment.replacingOccurrences(of: "a=ice-ufrag:\(PublishOffer.clientUfrag)", with: "a=ice-ufrag:N3wU")
            expectError(
                try await api.send(.patch, Self.path, credential: p1.token, body: restart, contentType: fragmentType),
                .unprocessableContent, "ice_restart_unsupported")
            expectError(
                try await api.send(.patch, Self.path, credential: p1.token, body: fragment, contentType: "application/sdp"),
                .unsupportedMediaType, "unsupported_media_type")
        }
    }

    @Test("DELETE closes the publish transport: 204, then 404; a new offer then gets 201 again")
    func unpublish() async throws {
        let engine = PublishTestEngine()
        try await Self.withParticipant(engine: engine) { api, p1 in
            #expect(try await api.send(.post, Self.path, credential: p1.token, body: PublishOffer.text, contentType: "application/sdp").status == .created)
            #expect(try await api.send(.delete, Self.path, credential: p1.token).status == .noContent)
            #expect(await engine.calls.last == .closePublish(room: "r1", participant: "p1"))
            expectError(try await api.send(.delete, Self.path, credential: p1.token), .notFound, "publish_transport_not_found")
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect(participant["state"] as? String == "new")
            let again = try await api.send(.post, Self.path, body: PublishOffer.text, contentType: "application/sdp")
            #expect(again.status == .created)
            #expect(String(buffer: again.body).contains("a=ice-ufrag:\(PublishTestEngine.ufrag(2))\r\n"))
        }
    }
}
