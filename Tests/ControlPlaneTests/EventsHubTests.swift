import ControlPlane
import Foundation
import Testing

/// The event hub on its own: what each stream receives, in which order, and how streams end.
@Suite("Room event hub", .timeLimit(.minutes(1)))
struct EventsHubTests {
    /// Room r1 as the directory shows it, with participants p1 and p2.
    static func snapshot() async throws -> Room {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1", "p2"])
        return try await fixture.directory.room("r1")
    }

    /// Everything a stream holds, until it ends (the caller makes sure it does).
    static func drain(_ stream: EventStream) async -> [EventStream.Item] {
        var items: [EventStream.Item] = []
        for await item in stream {
            items.append(item)
        }
        return items
    }

    @Test("a stream starts with its room snapshot, then the room's later events in publication order")
    func snapshotThenOrder() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub()
        hub.publish(.participantLeft(participant: "p0"), room: "r1", audience: .everyone)
        let stream = hub.subscribe(room: "r1", participant: "p1", initial: room)
        hub.publish(.participantLeft(participant: "p2"), room: "r1", audience: .everyone)
        hub.publish(.participantLeft(participant: "p9"), room: "r2", audience: .everyone)
        hub.publish(.trackUnpublished(participant: "p3", track: "p3-0"), room: "r1", audience: .everyone)
        hub.closeRoom("r1")
        let items = await Self.drain(stream)
        #expect(
            items == [
                .event(.room(room)), .event(.participantLeft(participant: "p2")),
                .event(.trackUnpublished(participant: "p3", track: "p3-0")), .event(.roomClosed),
            ])
        #expect(hub.streamCount(room: "r1") == 0)
    }

    @Test("the audience picks the streams: everyone, everyone but one participant, one participant")
    func audiences() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub()
        let p1 = hub.subscribe(room: "r1", participant: "p1", initial: room)
        let p1Again = hub.subscribe(room: "r1", participant: "p1", initial: room)
        let p2 = hub.subscribe(room: "r1", participant: "p2", initial: room)
        #expect(hub.streamCount(room: "r1") == 3)
        let aboutP1 = RoomEvent.participantLeft(participant: "p1")
        let forP1 = RoomEvent.connectionState(transport: .publish, state: .connected)
        let forAll = RoomEvent.activeSpeaker(participant: "p3", audioLevel: 0.5)
        hub.publish(aboutP1, room: "r1", audience: .everyoneExcept("p1"))
        hub.publish(forP1, room: "r1", audience: .participant("p1"))
        hub.publish(forAll, room: "r1", audience: .everyone)
        hub.closeRoom("r1")
        let expectedP1: [EventStream.Item] = [.event(.room(room)), .event(forP1), .event(forAll), .event(.roomClosed)]
        #expect(await Self.drain(p1) == expectedP1)
        #expect(await Self.drain(p1Again) == expectedP1)
        #expect(await Self.drain(p2) == [.event(.room(room)), .event(aboutP1), .event(forAll), .event(.roomClosed)])
    }

    @Test("a stream nobody reads is finished once full; publishing goes on without waiting")
    func overflowCloses() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub(capacity: 4)
        let unread = hub.subscribe(room: "r1", participant: "p1", initial: room)
        for index in 1...3 {
            hub.publish(.participantLeft(participant: "x\(index)"), room: "r1", audience: .everyone)
        }
        #expect(hub.streamCount(room: "r1") == 1, "room and three events fill a capacity of 4 exactly")
        for index in 4...200 {
            hub.publish(.participantLeft(participant: "x\(index)"), room: "r1", audience: .everyone)
        }
        #expect(hub.streamCount(room: "r1") == 0)
        let items = await Self.drain(unread)
        #expect(items == [.event(.room(room))] + (1...3).map { .event(.participantLeft(participant: "x\($0)")) })

        let fresh = hub.subscribe(room: "r1", participant: "p1", initial: room)
        hub.publish(.roomClosed, room: "r1", audience: .everyone)
        #expect(hub.streamCount(room: "r1") == 1, "a new stream of the same participant is unaffected")
        fresh.close()
        #expect(await Self.drain(fresh) == [.event(.room(room)), .event(.roomClosed)])
    }

    @Test("capacities below 2 are raised to 2, so room and room-closed always fit a stream that was read")
    func minimumCapacity() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub(capacity: 0)
        #expect(hub.capacity == 2)
        let stream = hub.subscribe(room: "r1", participant: "p1", initial: room)
        hub.closeRoom("r1")
        #expect(await Self.drain(stream) == [.event(.room(room)), .event(.roomClosed)])
    }

    @Test("keep-alives queue behind events and count against the capacity")
    func keepAlives() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub(capacity: 3)
        let stream = hub.subscribe(room: "r1", participant: "p1", initial: room)
        hub.publish(.roomClosed, room: "r1", audience: .everyone)
        stream.keepAlive()
        #expect(hub.streamCount(room: "r1") == 1)
        stream.keepAlive()
        #expect(hub.streamCount(room: "r1") == 0)
        #expect(await Self.drain(stream) == [.event(.room(room)), .event(.roomClosed), .keepAlive])
    }

    @Test("closing a participant ends its streams without an event; the others go on")
    func closeParticipant() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub()
        let p1 = hub.subscribe(room: "r1", participant: "p1", initial: room)
        let p2 = hub.subscribe(room: "r1", participant: "p2", initial: room)
        hub.closeParticipant(room: "r1", participant: "p1")
        #expect(hub.streamCount(room: "r1") == 1)
        hub.publish(.participantLeft(participant: "p1"), room: "r1", audience: .everyone)
        hub.closeRoom("r1")
        #expect(await Self.drain(p1) == [.event(.room(room))])
        #expect(await Self.drain(p2) == [.event(.room(room)), .event(.participantLeft(participant: "p1")), .event(.roomClosed)])
    }

    @Test("a stream whose reader is cancelled leaves the hub")
    func cancelledReader() async throws {
        let room = try await Self.snapshot()
        let hub = RoomEventHub()
        let recorder = EventRecorder.start(hub.subscribe(room: "r1", participant: "p1", initial: room))
        _ = try await recorder.events { $0.count == 1 }
        #expect(hub.streamCount(room: "r1") == 1)
        recorder.cancel()
        #expect(try await eventually { hub.streamCount(room: "r1") == 0 })
        _ = try await recorder.eventsWhenFinished()
    }

    @Test("each event has the API's name and data shape")
    func encoding() throws {
        let track = Track(id: "p1-1", kind: "video", mid: "1", codec: "video/VP8", simulcast: ["h", "m", "l"])
        let cases: [(RoomEvent, String, [String: Any])] = [
            (.participantLeft(participant: "p1"), "participant-left", ["participant": "p1"]),
            (
                .trackPublished(participant: "p1", track: track), "track-published",
                [
                    "participant": "p1",
                    "track": ["id": "p1-1", "kind": "video", "mid": "1", "codec": "video/VP8", "simulcast": ["h", "m", "l"], "muted": false],
                ]
            ),
            (
                .trackPublished(participant: "p2", track: Track(id: "p2-0", kind: "audio", mid: "0", codec: "audio/opus", muted: true)),
                "track-published",
                ["participant": "p2", "track": ["id": "p2-0", "kind": "audio", "mid": "0", "codec": "audio/opus", "muted": true]]
            ),
            (.trackUnpublished(participant: "p1", track: "p1-1"), "track-unpublished", ["participant": "p1", "track": "p1-1"]),
            (.renegotiate(.tracksChanged), "renegotiate", ["reason": "tracks-changed"]),
            (.activeSpeaker(participant: "p1", audioLevel: 0.25), "active-speaker", ["participant": "p1", "audioLevel": 0.25]),
            (.activeSpeaker(participant: "p1", audioLevel: 1.5), "active-speaker", ["participant": "p1", "audioLevel": 1]),
            (.activeSpeaker(participant: "p1", audioLevel: .nan), "active-speaker", ["participant": "p1", "audioLevel": 0]),
            (.connectionState(transport: .subscribe, state: .failed), "connection-state", ["transport": "subscribe", "state": "failed"]),
            (.connectionState(transport: .publish, state: .closed), "connection-state", ["transport": "publish", "state": "closed"]),
            (.roomClosed, "room-closed", [:]),
        ]
        for (event, name, data) in cases {
            #expect(event.name == name)
            let text = try event.jsonData()
            #expect(!text.contains("\n"))
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
            #expect(parsed == NSDictionary(dictionary: data), "\(name): \(text)")
        }
    }

    @Test("room and participant-joined carry the Room and the Participant as GET shows them")
    func resourceEvents() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1"])
        let room = try await fixture.directory.room("r1")
        let participant = try await fixture.directory.participant("p1", in: "r1")
        #expect(RoomEvent.room(room).name == "room")
        #expect(RoomEvent.participantJoined(participant).name == "participant-joined")

        let roomData = try #require(try JSONSerialization.jsonObject(with: Data(RoomEvent.room(room).jsonData().utf8)) as? [String: Any])
        #expect(roomData["id"] as? String == "r1")
        #expect((roomData["participants"] as? [[String: Any]])?.map { $0["id"] as? String } == ["p1"])
        let joined = try #require(
            try JSONSerialization.jsonObject(with: Data(RoomEvent.participantJoined(participant).jsonData().utf8)) as? [String: Any])
        #expect(Set(joined.keys) == ["participant"])
        let body = try #require(joined["participant"] as? [String: Any])
        #expect(Set(body.keys) == ["id", "name", "joinedAt", "permissions", "metadata", "state", "tracks", "dataChannels"])
        #expect(body["id"] as? String == "p1")
        #expect(body["state"] as? String == "new")
    }
}
