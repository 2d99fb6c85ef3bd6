import Foundation
import Testing

/// An aiortc publisher against the real server: ICE-lite, DTLS-SRTP with each suite aiortc
/// offers, media received and counted; and a peer whose certificate does not match its SDP.
@Suite("interop: aiortc publishes to switchboard", .serialized, .timeLimit(.minutes(3)))
struct PublishInteropTests {
    /// The suites aiortc 1.16 offers; each run allows only one on the server.
    static let suites = ["SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM", "SRTP_AES128_CM_HMAC_SHA1_80"]

    @Test("connects within 2 s and its audio and video are received", arguments: suites)
    func publishes(suite: String) async throws {
        let server = try await InteropServer(srtpProfiles: [suite])
        defer { server.process.kill() }
        let token = try await server.makePublisher(room: "interop", participant: "alice")
        let peer = try await server.runPublisher(room: "interop", participant: "alice", token: token, seconds: 3)

        #expect(peer.error == nil, "\(peer)")
        #expect(peer.connected)
        let connectSeconds = try #require(peer.connectSeconds, "\(peer)")
        #expect(connectSeconds < 2.0, "connected after \(connectSeconds) s")
        // API.md: a participant is connected while any of its transports is.
        #expect(peer.participant?["state"] as? String == "connected", "\(peer.participant ?? [:])")
        let first = try #require(peer.statsFirst)
        let second = try #require(peer.statsSecond)

        let transport = try #require(second.transport, "\(second.entries)")
        #expect(transport["srtpCipher"] as? String == suite)
        #expect(transport["dtlsState"] as? String == "connected")
        #expect(transport["iceState"] as? String == "connected")
        // webrtc-stats: the IANA cipher suite name, and DTLS 1.2 as hex.
        let dtlsCipher = try #require(transport["dtlsCipher"] as? String, "\(transport)")
        #expect(dtlsCipher.hasPrefix("TLS_"), "\(dtlsCipher)")
        #expect(transport["tlsVersion"] as? String == "FEFD")

        // The selected pair, nominated, from aiortc's 127.0.0.1 to the worker's host candidate.
        let pair = try #require(second.entry(id: transport["selectedCandidatePairId"]), "\(second.entries)")
        #expect(pair["type"] as? String == "candidate-pair")
        #expect(pair["nominated"] as? Bool == true)
        #expect(pair["state"] as? String == "succeeded")
        #expect(second.integer(pair, "packetsReceived") > 0)
        #expect(second.integer(pair, "bytesSent") > 0)
        let answered = try #require(peer.answerCandidate, "\(peer)")
        let local = try #require(second.entry(id: pair["localCandidateId"]), "\(second.entries)")
        #expect(local["type"] as? String == "local-candidate")
        #expect(local["address"] as? String == "127.0.0.1")
        #expect(local["port"] as? Int == answered.port)
        #expect(local["candidateType"] as? String == "host")
        #expect(local["protocol"] as? String == "udp")
        let remote = try #require(second.entry(id: pair["remoteCandidateId"]), "\(second.entries)")
        #expect(remote["type"] as? String == "remote-candidate")
        #expect(remote["address"] as? String == "127.0.0.1")
        #expect(["host", "prflx"].contains(remote["candidateType"] as? String ?? ""), "\(remote)")
        #expect((remote["port"] as? Int ?? 0) > 0)
        for failures in ["srtpAuthenticationFailures", "srtpReplayedPackets", "srtpOtherFailures"] {
            #expect(second.integer(transport, failures) == 0, "\(failures): \(transport)")
        }
        #expect(second.integer(transport, "packetsReceived") > second.integer(first.transport, "packetsReceived"))

        for (kind, mimeType) in [("video", "video/VP8"), ("audio", "audio/opus")] {
            let before = try #require(first.inbound(kind: kind), "no \(kind) stream in \(first.entries)")
            let after = try #require(second.inbound(kind: kind), "no \(kind) stream in \(second.entries)")
            #expect(before["ssrc"] as? Int == after["ssrc"] as? Int)
            #expect(first.integer(before, "packetsReceived") > 0)
            #expect(second.integer(after, "packetsReceived") > first.integer(before, "packetsReceived"))
            #expect(second.integer(after, "bytesReceived") > first.integer(before, "bytesReceived"))
            let codec = try #require(second.entries(ofType: "codec").first { $0["id"] as? String == after["codecId"] as? String })
            #expect((codec["mimeType"] as? String)?.lowercased() == mimeType.lowercased())
            print("interop \(suite) \(kind): \(second.integer(after, "packetsReceived")) packets, "
                  + "\(second.integer(after, "bytesReceived")) bytes; connected in \(connectSeconds) s")
        }
    }

    @Test("a peer whose certificate does not match its SDP fingerprint gets no media through")
    func tamperedFingerprint() async throws {
        let server = try await InteropServer(srtpProfiles: ["SRTP_AEAD_AES_128_GCM"])
        defer { server.process.kill() }
        let token = try await server.makePublisher(room: "interop", participant: "mallory")
        let peer = try await server.runPublisher(room: "interop", participant: "mallory", token: token, seconds: 1,
                                                 tamperFingerprint: true)
        #expect(!peer.connected, "\(peer)")

        let (status, report) = try await server.request("GET", "/v1/rooms/interop/participants/mallory/stats")
        #expect(status == 200)
        let stats = StatsView(report)
        let transport = try #require(stats.transport, "\(stats.entries)")
        #expect(transport["dtlsState"] as? String == "failed", "\(transport)")
        #expect(transport["srtpCipher"] == nil)
        #expect(stats.entries(ofType: "inbound-rtp").allSatisfy { stats.integer($0, "packetsReceived") == 0 })
        // Its publish transport never connected: not connected, and not disconnected either.
        let (_, participant) = try await server.request("GET", "/v1/rooms/interop/participants/mallory")
        #expect(participant["state"] as? String == "connecting", "\(participant)")
    }
}
