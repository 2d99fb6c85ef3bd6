import ControlPlane
import Testing

/// What the room directory publishes as rooms and participants change, and to whom.
@Suite("Room directory events", .timeLimit(.minutes(1)))
struct EventsDirectoryTests {
    @Test("participant-joined goes to everyone but the new participant; participant-left to everyone but the leaver")
    func joinAndLeaveAudiences() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1", "p2"])
        let p1 = try await fixture.record("p1")
        // A stream of the id "p3" before p3 exists: it must not hear of p3's own arrival.
        let room = try await fixture.directory.room("r1")
        let p3 = EventRecorder.start(fixture.hub.subscribe(room: "r1", participant: "p3", initial: room))
        let p2 = try await fixture.record("p2")

        let joined = try await fixture.directory.addParticipant(ParticipantCreation(id: "p3"), tokenID: "jti-p3", to: "r1")
        try await fixture.directory.removeParticipant("p2", from: "r1")
        try await fixture.directory.deleteRoom("r1")

        let p1Events = try await p1.eventsWhenFinished()
        #expect(p1Events.dropFirst() == [.participantJoined(joined), .participantLeft(participant: "p2"), .roomClosed])
        #expect(try await p3.eventsWhenFinished().dropFirst() == [.participantLeft(participant: "p2"), .roomClosed])
        #expect(try await p2.eventsWhenFinished().dropFirst() == [.participantJoined(joined)], "the leaver's stream just ends")
    }

    @Test("the room event is the room as GET shows it when the stream opens, states included")
    func snapshot() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1", "p2"])
        await fixture.engine.report([.publish: .connected], room: "r1", participant: "p2")
        let expected = try await fixture.directory.room("r1")
        #expect(expected.participants.map(\.state) == [.new, .connected])
        let p1 = try await fixture.record("p1")
        try await fixture.directory.deleteRoom("r1")
        #expect(try await p1.eventsWhenFinished() == [.room(expected), .roomClosed])
    }

    @Test("a stream needs the room and the participant to exist")
    func unknownTargets() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1"])
        await #expect(throws: RoomDirectoryError.participantNotFound(room: "r1", participant: "p9")) {
            _ = try await fixture.directory.eventStream(of: "p9", in: "r1")
        }
        await #expect(throws: RoomDirectoryError.roomNotFound("r9")) {
            _ = try await fixture.directory.eventStream(of: "p1", in: "r9")
        }
        #expect(fixture.hub.streamCount(room: "r1") == 0)
    }

    @Test("a room that times out empty sends room-closed and ends its streams")
    func emptyTimeout() async throws {
        let fixture = DirectoryFixture()
        _ = try await fixture.directory.createRoom(RoomCreation(id: "r1", emptyTimeoutSeconds: 10))
        let room = try await fixture.directory.room("r1")
        let observer = EventRecorder.start(fixture.hub.subscribe(room: "r1", participant: "observer", initial: room))
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        fixture.clock.advance(by: .seconds(10))
        #expect(try await observer.eventsWhenFinished() == [.room(room), .roomClosed])
        #expect(fixture.hub.streamCount(room: "r1") == 0)
    }
}
