@testable import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Track events of publishing and unpublishing (`track-published`, `track-unpublished`,
/// `renegotiate`) and the tracks of the participant resource. Each test reads the hub the router
/// was built with: it opens a stream per participant, acts through the API, then ends the
/// streams and reads what they held (the directory publishes inside its state changes, before
/// the API answers, so nothing is in flight).
@Suite("Subscribe track events")
struct SubscribeTrackEventsTests {
    /// Streams of room r1, opened on the hub directly.
    struct Streams {
        let hub: RoomEventHub
        private var streams: [String: EventStream] = [:]

        init(hub: RoomEventHub, participants: [String]) {
            self.hub = hub
            let room = Room(id: "r1", createdAt: 0, maxParticipants: 5, emptyTimeoutSeconds: 300, metadata: [:], participants: [])
            for participant in participants {
                streams[participant] = hub.subscribe(room: "r1", participant: participant, initial: room)
            }
        }

        /// Ends the participant's stream and returns the events it held after its `room` event.
        func events(of participant: String) async -> [RoomEvent] {
            guard let stream = streams[participant] else { return [] }
            hub.closeParticipant(room: "r1", participant: participant)
            var events: [RoomEvent] = []
            for await item in stream {
                if case .event(let event) = item, event.name != "room" { events.append(event) }
            }
            return events
        }
    }

    static let audioTrack = Track(id: "p1-0", kind: "audio", mid: "0", codec: "audio/opus")
    static let videoTrack = Track(id: "p1-1", kind: "video", mid: "1", codec: "video/VP8")
    static let renegotiate = RoomEvent.renegotiate(.tracksChanged)

    /// The offer with its video section left out (a publisher that stopped its camera).
    static let audioOnlyOffer: String = {
        let text = NumberedPublishOffer().text
        return text.components(separatedBy: "m=video")[0].replacingOccurrences(of: "a=group:BUNDLE 0 1", with: "a=group:BUNDLE 0")
    }()

    @Test("a publish: track-published to the others (not the publisher), renegotiate to those who may subscribe")
    func published() async throws {
        let hub = RoomEventHub()
        try await SubscribeFixture.run(events: hub, offer: nil) { api, p1, _ in
            _ = try await api.createParticipant(room: "r1", #"{"id":"p3","permissions":{"subscribe":false}}"#)
            let streams = Streams(hub: hub, participants: ["p1", "p2", "p3"])
            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .created)

            let published: [RoomEvent] = [
                .trackPublished(participant: "p1", track: Self.audioTrack), .trackPublished(participant: "p1", track: Self.videoTrack),
            ]
            #expect(await streams.events(of: "p1") == [])
            #expect(await streams.events(of: "p2") == published + [Self.renegotiate])
            #expect(await streams.events(of: "p3") == published)
        }
    }

    @Test("the participant resource lists its tracks as Track JSON")
    func participantTracks() async throws {
        try await SubscribeFixture.run { api, _, _ in
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            let tracks = try #require(participant["tracks"] as? [[String: Any]])
            try #require(tracks.count == 2)
            #expect(tracks[0]["id"] as? String == "p1-0")
            #expect(tracks[0]["kind"] as? String == "audio")
            #expect(tracks[0]["mid"] as? String == "0")
            #expect(tracks[0]["codec"] as? String == "audio/opus")
            #expect(tracks[0]["muted"] as? Bool == false)
            #expect(tracks[0]["simulcast"] == nil)
            #expect(tracks[1]["id"] as? String == "p1-1")
            #expect(tracks[1]["kind"] as? String == "video")
            #expect(tracks[1]["mid"] as? String == "1")
            #expect(tracks[1]["codec"] as? String == "video/VP8")
            #expect(Set(tracks[1].keys) == ["id", "kind", "mid", "codec", "muted"])

            let subscriber = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p2"))
            #expect((subscriber["tracks"] as? [Any])?.isEmpty == true)
            let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
            let listed = (room["participants"] as? [[String: Any]])?.first { $0["id"] as? String == "p1" }
            #expect((listed?["tracks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["p1-0", "p1-1"])
        }
    }

    @Test("DELETE publish: track-unpublished to the others and renegotiate; the resource lists no track")
    func unpublished() async throws {
        let hub = RoomEventHub()
        try await SubscribeFixture.run(events: hub) { api, p1, _ in
            let streams = Streams(hub: hub, participants: ["p1", "p2"])
            #expect(try await api.send(.delete, SubscribeFixture.publishPath("p1"), credential: p1.token).status == .noContent)
            #expect(await streams.events(of: "p1") == [])
            #expect(await streams.events(of: "p2") == [
                .trackUnpublished(participant: "p1", track: "p1-0"), .trackUnpublished(participant: "p1", track: "p1-1"), Self.renegotiate,
            ])
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect((participant["tracks"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a publisher that leaves: its tracks end for everyone")
    func publisherLeaves() async throws {
        let hub = RoomEventHub()
        try await SubscribeFixture.run(events: hub) { api, _, _ in
            let streams = Streams(hub: hub, participants: ["p2"])
            let left = try await api.send(.delete, "/v1/rooms/r1/participants/p1")
            #expect(left.status == .noContent)
            let events: [RoomEvent] = await streams.events(of: "p2")
            #expect(events.contains(.trackUnpublished(participant: "p1", track: "p1-0")))
            #expect(events.contains(.trackUnpublished(participant: "p1", track: "p1-1")))
            #expect(events.contains(.participantLeft(participant: "p1")))
            #expect(events.filter { $0 == Self.renegotiate }.count == 1)
        }
    }

    @Test("a publish renegotiation: a track keeps its id while its section stays; nothing changed, no event")
    func republished() async throws {
        let hub = RoomEventHub()
        try await SubscribeFixture.run(events: hub) { api, p1, _ in
            let streams = Streams(hub: hub, participants: ["p2"])
            #expect(try await api.publish(NumberedPublishOffer().text, as: p1).status == .ok)
            #expect(try await api.publish(Self.audioOnlyOffer, as: p1).status == .ok)
            #expect(await streams.events(of: "p2") == [.trackUnpublished(participant: "p1", track: "p1-1"), Self.renegotiate])
            let participant = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1/participants/p1"))
            #expect((participant["tracks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["p1-0"])
        }
    }

    @Test("named tracks: renegotiate only when one of them ends, not when others come or go")
    func namedSubscription() async throws {
        let hub = RoomEventHub()
        try await SubscribeFixture.run(events: hub) { api, p1, p2 in
            try await api.negotiateSubscription(p2, json: #"{"tracks":["p1-0"]}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p3"}"#)
            var streams = Streams(hub: hub, participants: ["p2", "p3"])
            // p3 never subscribed: it follows the room by default.
            let p4 = try await api.createParticipant(room: "r1", #"{"id":"p4"}"#)
            #expect(try await api.publish(NumberedPublishOffer(audioSSRC: 61, videoSSRC: 62, rtxSSRC: 63).text, as: p4).status == .created)
            #expect(try await api.publish(Self.audioOnlyOffer, as: p1).status == .ok)
            let p2Events = await streams.events(of: "p2")
            #expect(p2Events.filter { $0 == Self.renegotiate }.isEmpty, "\(p2Events.map(\.name))")
            #expect(p2Events.contains(.trackUnpublished(participant: "p1", track: "p1-1")))
            #expect(p2Events.contains { if case .trackPublished(participant: "p4", track: _) = $0 { true } else { false } })
            #expect(await streams.events(of: "p3").filter { $0 == Self.renegotiate }.count == 2)

            streams = Streams(hub: hub, participants: ["p2"])
            #expect(try await api.send(.delete, SubscribeFixture.publishPath("p1"), credential: p1.token).status == .noContent)
            #expect(await streams.events(of: "p2") == [.trackUnpublished(participant: "p1", track: "p1-0"), Self.renegotiate])
        }
    }
}
