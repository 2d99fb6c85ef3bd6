import Foundation
import Testing

/// Forwarding through the real server to real peers: aiortc participants publish numbered VP8
/// frames and Opus, subscribe on a second peer connection, and count which frames they decode.
/// Both tests run the server with two media workers, so transports land on both of them.
@Suite("interop: aiortc conference through switchboard", .serialized, .timeLimit(.minutes(4)))
struct ConferenceInteropTests {
    /// Delivery is measured over this long once a subscriber could receive a track.
    static let windowSeconds = 5.0
    /// At 30 fps a window holds 150 frames; fewer than this means the publisher was starved of
    /// CPU and the window says nothing about forwarding.
    static let minimumFramesInWindow = 75

    @Test("one publisher, three subscribers: each decodes ≥ 90 % of the frames, hears audio, and sees the publisher leave")
    func onePublisherThreeSubscribers() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let room = "conference-one-to-three"
        try await server.makeRoom(room)
        let publisherToken = try await server.makeParticipant(room: room, id: "pub")
        var tokens: [String: String] = [:]
        for id in ["sub1", "sub2", "sub3"] { tokens[id] = try await server.makeParticipant(room: room, id: id) }

        // The publisher sends for 12 s once connected, then leaves; subscribers start once its
        // tracks exist, receive for 7 s once connected, then wait for it to leave.
        let publisher = try ConferencePeer(server: server, room: room, participant: "pub", token: publisherToken,
                                           publish: .av, subscribe: false, seconds: 12, leave: true)
        try await server.waitUntilPublishing(room: room, participant: "pub", tracks: 2, timeout: .seconds(20))
        let subscribers = try tokens.keys.sorted().map {
            try ConferencePeer(server: server, room: room, participant: $0, token: tokens[$0]!, publish: .none,
                               subscribe: true, seconds: 7, untilLeft: "pub")
        }
        // While they run: the RTP stats of the publisher's and one subscriber's transports.
        let stats = try await ConferenceRTPStats.poll(server: server, room: room, publisher: "pub", subscriber: "sub1",
                                                      timeout: .seconds(9))
        try stats.check(mimeTypes: ["video": "video/VP8", "audio": "audio/opus"])
        let sent = try await publisher.report()
        var reports: [ConferenceReport] = []
        for subscriber in subscribers { reports.append(try await subscriber.report()) }

        #expect(sent.errors.isEmpty, "\(sent.errors)")
        #expect(sent.publishStatus == 201)
        #expect(sent.leaveStatus == 204)
        let video = try #require(sent.sentTrack(kind: "video"), "\(sent)")
        let audio = try #require(sent.sentTrack(kind: "audio"), "\(sent)")
        let videoId = try #require(video.id, "publisher's track ids unknown: \(sent)")
        let audioId = try #require(audio.id, "publisher's track ids unknown: \(sent)")

        for report in reports {
            let who = report.participant
            #expect(report.errors.isEmpty, "\(who): \(report.errors)")
            #expect(report.eventStreamStatus == 200, "\(who)")
            #expect(report.events.first?.name == "room", "\(who): \(report.events.map(\.name))")
            let first = try #require(report.negotiations.first, "\(who): no negotiation")
            #expect(first.offerStatus == 201 && first.answerStatus == 204, "\(who): \(report.negotiations)")
            let connectedAt = try #require(report.subscribeConnectedAtMs, "\(who): subscribe never connected")

            let remoteVideo = try #require(report.remoteTrack(publisher: "pub", kind: "video"),
                                           "\(who): no video from pub in \(report.remoteTracks)")
            #expect(remoteVideo.trackId == videoId, "\(who): msid names \(remoteVideo.trackId ?? "nothing")")
            let delivery = FrameDelivery(of: video, to: remoteVideo, fromMs: max(connectedAt, remoteVideo.negotiatedAtMs),
                                         seconds: Self.windowSeconds)
            print("conference 1→3 \(who): \(delivery), \(remoteVideo.framesReceived) frames received, "
                  + "\(remoteVideo.decodeErrors) undecodable")
            #expect(delivery.sent >= Self.minimumFramesInWindow, "\(who): publisher starved: \(delivery)")
            #expect(delivery.fraction >= 0.9, "\(who): \(delivery)")
            #expect(delivery.fractionSinceFirst >= 0.97, "\(who): \(delivery)")
            #expect(remoteVideo.decodeErrors == 0, "\(who): \(remoteVideo.decodeErrors) frames without a readable number")
            let remoteAudio = try #require(report.remoteTrack(publisher: "pub", kind: "audio"),
                                           "\(who): no audio from pub in \(report.remoteTracks)")
            #expect(remoteAudio.trackId == audioId)
            #expect(remoteAudio.framesReceived > 0 && remoteAudio.samplesReceived > 0, "\(who): \(remoteAudio)")

            // The publisher left: both tracks end, it leaves, and the subscriber renegotiates.
            let unpublished = report.events(named: "track-unpublished").filter { $0.data["participant"] as? String == "pub" }
            #expect(Set(unpublished.compactMap { $0.data["track"] as? String }) == [videoId, audioId],
                    "\(who): \(report.events.map(\.name))")
            #expect(report.events(named: "participant-left").contains { $0.data["participant"] as? String == "pub" })
            let endedAt = try #require(unpublished.map(\.atMs).min(), "\(who): no track-unpublished")
            #expect(report.events(named: "renegotiate").contains { $0.atMs >= endedAt },
                    "\(who): no renegotiate after the tracks ended: \(report.events.map(\.name))")
            // API.md: the ended tracks' m-sections stay in place, with port 0 or a=inactive.
            for track in [remoteVideo, remoteAudio] {
                #expect(["inactive", "rejected"].contains(track.offeredDirection), "\(who): \(track.kind) \(track.offeredDirection)")
            }
            let renegotiations = report.negotiations.filter { $0.atMs >= endedAt }
            #expect(!renegotiations.isEmpty && renegotiations.allSatisfy { $0.offerStatus == 200 && $0.answerStatus == 204 },
                    "\(who): \(report.negotiations)")
        }
    }

    @Test("four participants each publish and subscribe: everyone decodes ≥ 80 % of the others' frames and hears them")
    func fourParticipantsAllToAll() async throws {
        let server = try await InteropServer(workers: 2)
        defer { server.process.kill() }
        let room = "conference-four"
        try await server.makeRoom(room)
        let ids = ["ann", "ben", "cat", "dan"]
        var peers: [ConferencePeer] = []
        for id in ids {
            let token = try await server.makeParticipant(room: room, id: id)
            peers.append(try ConferencePeer(server: server, room: room, participant: id, token: token, publish: .av,
                                            subscribe: true, seconds: 10))
        }
        var reports: [String: ConferenceReport] = [:]
        for peer in peers { reports[peer.participant] = try await peer.report() }

        for id in ids {
            let report = try #require(reports[id])
            #expect(report.errors.isEmpty, "\(id): \(report.errors)")
            #expect(report.publishStatus == 201, "\(id)")
            #expect(report.eventStreamStatus == 200, "\(id)")
            #expect(report.events.first?.name == "room", "\(id): \(report.events.map(\.name))")
            // Refused (409: nothing to subscribe to yet) until the first offer (201); then offers
            // (200) whose answers are taken (204) or superseded by a newer offer (409).
            let offered = Array(report.negotiations.drop { $0.offerStatus == 409 })
            #expect(offered.first?.offerStatus == 201 && offered.dropFirst().allSatisfy { $0.offerStatus == 200 }
                        && offered.allSatisfy { [204, 409].contains($0.answerStatus) },
                    "\(id): \(report.negotiations)")
            let connectedAt = try #require(report.subscribeConnectedAtMs, "\(id): subscribe never connected")
            let announced = Self.announcedTracks(in: report)
            for other in ids where other != id {
                let sender = try #require(reports[other])
                let video = try #require(sender.sentTrack(kind: "video"), "\(other): \(sender)")
                let audio = try #require(sender.sentTrack(kind: "audio"), "\(other): \(sender)")
                #expect(announced.contains(video.id ?? "?") && announced.contains(audio.id ?? "?"),
                        "\(id) was never told of \(other)'s tracks: \(report.events.map(\.name))")
                let remoteVideo = try #require(report.remoteTrack(publisher: other, kind: "video"),
                                               "\(id): no video from \(other) in \(report.remoteTracks)")
                #expect(remoteVideo.trackId == video.id)
                let delivery = FrameDelivery(of: video, to: remoteVideo,
                                             fromMs: max(connectedAt, remoteVideo.negotiatedAtMs),
                                             seconds: Self.windowSeconds)
                print("conference 4×4 \(other)→\(id): \(delivery), \(remoteVideo.framesReceived) frames received, "
                      + "\(remoteVideo.decodeErrors) undecodable")
                #expect(delivery.sent >= Self.minimumFramesInWindow, "\(other)→\(id): publisher starved: \(delivery)")
                #expect(delivery.fraction >= 0.8, "\(other)→\(id): \(delivery)")
                #expect(delivery.fractionSinceFirst >= 0.97, "\(other)→\(id): \(delivery)")
                #expect(remoteVideo.decodeErrors * 100 <= remoteVideo.framesReceived,
                        "\(other)→\(id): \(remoteVideo.decodeErrors) of \(remoteVideo.framesReceived) frames without a readable number")
                let remoteAudio = try #require(report.remoteTrack(publisher: other, kind: "audio"),
                                               "\(id): no audio from \(other) in \(report.remoteTracks)")
                #expect(remoteAudio.trackId == audio.id)
                #expect(remoteAudio.framesReceived > 0 && remoteAudio.samplesReceived > 0, "\(other)→\(id): \(remoteAudio)")
            }
        }
    }

    /// The ids of the tracks a participant was told of: those in its first `room` event and
    /// every `track-published` since.
    static func announcedTracks(in report: ConferenceReport) -> Set<String> {
        var ids = Set<String>()
        if let room = report.events(named: "room").first?.data {
            for participant in room["participants"] as? [[String: Any]] ?? [] {
                for track in participant["tracks"] as? [[String: Any]] ?? [] {
                    if let id = track["id"] as? String { ids.insert(id) }
                }
            }
        }
        for event in report.events(named: "track-published") {
            if let id = (event.data["track"] as? [String: Any])?["id"] as? String { ids.insert(id) }
        }
        return ids
    }
}
