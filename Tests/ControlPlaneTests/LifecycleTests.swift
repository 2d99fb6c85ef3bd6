import MediaContract
import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The participant life cycle: `connection-state` events from the engine's transport changes,
/// and the removal of a participant whose transports all went away on their own and did not
/// come back within `rooms.disconnectGraceSeconds` (on a manual clock).
@Suite("Participant life cycle", .timeLimit(.minutes(1)))
struct LifecycleTests {
    /// Waits until `recorder` has read `count` connection-state events (so the directory has
    /// taken the changes emitted so far), and returns them.
    static func connectionStates(_ recorder: EventRecorder, count: Int) async throws -> [RoomEvent] {
        let events = try await recorder.events { events in
            events.filter { if case .connectionState = $0 { true } else { false } }.count >= count
        }
        return events.filter { if case .connectionState = $0 { true } else { false } }
    }

    /// Waits (bounded) until the participant is gone from r1.
    static func waitUntilRemoved(_ fixture: DirectoryFixture, _ participant: String) async throws -> Bool {
        try await eventually { await !fixture.isPresent(participant) }
    }

    /// Checks that a running grace of `graceSeconds` keeps the participant until its last second
    /// and removes it then.
    static func expectRemovedWhenGraceEnds(_ fixture: DirectoryFixture, _ participant: String, graceSeconds: Int) async throws {
        fixture.clock.advance(by: .seconds(graceSeconds - 1))
        #expect(await fixture.isPresent(participant))
        fixture.clock.advance(by: .seconds(1))
        #expect(try await waitUntilRemoved(fixture, participant))
    }

    @Test("connection-state goes to its participant only, in the engine's order")
    func connectionStateAudience() async throws {
        let fixture = DirectoryFixture()
        try await fixture.room(with: ["p1", "p2"])
        let p1 = try await fixture.record("p1")
        let p2 = try await fixture.record("p2")
        fixture.emit("p1", .publish, .connecting)
        fixture.emit("p1", .publish, .connected)
        fixture.emit("p1", .subscribe, .connecting)
        fixture.emit("p1", .subscribe, .failed)
        let states = try await Self.connectionStates(p1, count: 4)
        #expect(
            states == [
                .connectionState(transport: .publish, state: .connecting), .connectionState(transport: .publish, state: .connected),
                .connectionState(transport: .subscribe, state: .connecting), .connectionState(transport: .subscribe, state: .failed),
            ])
        try await fixture.directory.deleteRoom("r1")
        #expect(try await p2.eventsWhenFinished().dropFirst() == [.roomClosed])
        #expect(try await p1.eventsWhenFinished().count == 6)
    }

    @Test("a participant whose transports all dropped is removed when the grace ends, as DELETE removes it")
    func graceRemoval() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1", "p2"])
        let p1 = try await fixture.record("p1")
        let p2 = try await fixture.record("p2")
        fixture.emit("p1", .publish, .connecting)
        fixture.emit("p1", .publish, .connected)
        fixture.emit("p1", .subscribe, .connecting)
        fixture.emit("p1", .subscribe, .connected)
        fixture.emit("p1", .publish, .disconnected)
        // The subscribe transport is still connected: no grace yet.
        fixture.emit("p1", .subscribe, .disconnected)
        _ = try await Self.connectionStates(p1, count: 6)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })

        try await Self.expectRemovedWhenGraceEnds(fixture, "p1", graceSeconds: 20)

        #expect(try await p2.events { $0.count == 2 }.dropFirst() == [.participantLeft(participant: "p1")])
        let p1Events = try await p1.eventsWhenFinished()
        #expect(!p1Events.contains(.participantLeft(participant: "p1")))
        #expect(await fixture.engine.calls.contains(.closeTransports(room: "r1", participant: "p1")))
        #expect(await fixture.directory.isCurrentToken("jti-p1", participant: "p1", room: "r1") == false)
        #expect(fixture.hub.streamCount(room: "r1") == 1)
        try await fixture.directory.deleteRoom("r1")
        #expect(try await p2.eventsWhenFinished().dropFirst() == [.participantLeft(participant: "p1"), .roomClosed])
    }

    @Test("reconnecting within the grace keeps the participant; losing the connection again starts a full grace")
    func reconnectCancels() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1", "p2"])
        let p1 = try await fixture.record("p1")
        fixture.emit("p1", .publish, .connecting)
        fixture.emit("p1", .publish, .connected)
        fixture.emit("p1", .publish, .disconnected)
        _ = try await Self.connectionStates(p1, count: 3)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        fixture.clock.advance(by: .seconds(15))

        // A new publish transport: the participant is reconnecting.
        fixture.emit("p1", .publish, .connecting)
        _ = try await Self.connectionStates(p1, count: 4)
        #expect(try await eventually { fixture.clock.sleeperCount == 0 })
        fixture.clock.advance(by: .seconds(60))
        fixture.emit("p1", .publish, .connected)
        fixture.emit("p1", .publish, .disconnected)
        _ = try await Self.connectionStates(p1, count: 6)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        try await Self.expectRemovedWhenGraceEnds(fixture, "p1", graceSeconds: 20)
    }

    @Test("a reconnection attempt that fails starts the grace again")
    func failedReconnection() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1"])
        let p1 = try await fixture.record("p1")
        fixture.emit("p1", .subscribe, .connecting)
        fixture.emit("p1", .subscribe, .connected)
        fixture.emit("p1", .subscribe, .disconnected)
        fixture.emit("p1", .subscribe, .connecting)
        fixture.emit("p1", .subscribe, .failed)
        _ = try await Self.connectionStates(p1, count: 5)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        fixture.clock.advance(by: .seconds(20))
        #expect(try await Self.waitUntilRemoved(fixture, "p1"))
    }

    @Test("closing its own publish transport while the subscribe transport lives is no disconnection")
    func ownCloseIsNotLoss() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1"])
        let p1 = try await fixture.record("p1")
        fixture.emit("p1", .publish, .connecting)
        fixture.emit("p1", .publish, .connected)
        fixture.emit("p1", .subscribe, .connecting)
        fixture.emit("p1", .subscribe, .connected)
        fixture.emit("p1", .publish, .closed)
        _ = try await Self.connectionStates(p1, count: 5)
        fixture.clock.advance(by: .seconds(100))

        // The grace starts with the subscribe transport's loss, not with the publish close.
        fixture.emit("p1", .subscribe, .disconnected)
        _ = try await Self.connectionStates(p1, count: 6)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        try await Self.expectRemovedWhenGraceEnds(fixture, "p1", graceSeconds: 20)
    }

    @Test("a participant that never connected, or whose only transport its owner closed, stays")
    func noLossWithoutConnection() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1", "p2"])
        let p1 = try await fixture.record("p1")
        let p2 = try await fixture.record("p2")
        fixture.emit("p1", .publish, .connecting)
        fixture.emit("p1", .publish, .failed)
        fixture.emit("p2", .publish, .connecting)
        fixture.emit("p2", .publish, .connected)
        fixture.emit("p2", .publish, .closed)
        _ = try await Self.connectionStates(p1, count: 2)
        _ = try await Self.connectionStates(p2, count: 3)
        fixture.clock.advance(by: .seconds(100))

        // A grace that does start (p2's new transport drops) ends on time, so none was pending.
        fixture.emit("p2", .subscribe, .connecting)
        fixture.emit("p2", .subscribe, .connected)
        fixture.emit("p2", .subscribe, .disconnected)
        _ = try await Self.connectionStates(p2, count: 6)
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        fixture.clock.advance(by: .seconds(19))
        #expect(await fixture.isPresent("p1"))
        #expect(await fixture.isPresent("p2"))
        fixture.clock.advance(by: .seconds(1))
        #expect(try await Self.waitUntilRemoved(fixture, "p2"))
        #expect(await fixture.isPresent("p1"))
    }

    @Test("leaving or the room closing during the grace ends it: one participant-left, late changes ignored")
    func graceEndsWithRemoval() async throws {
        let fixture = DirectoryFixture(disconnectGraceSeconds: 20)
        try await fixture.room(with: ["p1", "p2", "p3"])
        let p1 = try await fixture.record("p1")
        let p3 = try await fixture.record("p3")
        for participant in ["p1", "p2"] {
            fixture.emit(participant, .publish, .connecting)
            fixture.emit(participant, .publish, .connected)
            fixture.emit(participant, .publish, .disconnected)
        }
        _ = try await Self.connectionStates(p1, count: 3)
        #expect(try await eventually { fixture.clock.sleeperCount == 2 })

        try await fixture.directory.removeParticipant("p1", from: "r1")
        #expect(try await eventually { fixture.clock.sleeperCount == 1 })
        fixture.emit("p1", .publish, .closed)
        fixture.clock.advance(by: .seconds(5))
        try await fixture.directory.deleteRoom("r1")
        #expect(try await eventually { fixture.clock.sleeperCount == 0 })
        fixture.clock.advance(by: .seconds(60))

        #expect(try await p3.eventsWhenFinished().dropFirst() == [.participantLeft(participant: "p1"), .roomClosed])
        #expect(try await p1.eventsWhenFinished().count == 4)
        #expect(await fixture.engine.calls == [.closeTransports(room: "r1", participant: "p1"), .closeRoom("r1")])
    }

    @Test("over HTTP: rooms.disconnectGraceSeconds applies, and the removed participant's token is revoked")
    func configuredGrace() async throws {
        var configuration = TestServer.configuration()
        configuration.rooms.disconnectGraceSeconds = 5
        let clock = ManualClock()
        let engine = PublishTestEngine()
        try await TestServer.run(configuration, engine: engine, clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            let p1 = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            for state: TransportStateChange.State in [.connecting, .connected, .disconnected] {
                engine.emit(TransportStateChange(room: "r1", participant: "p1", role: .publish, state: state))
            }
            #expect(try await eventually { clock.sleeperCount == 1 })
            clock.advance(by: .seconds(4))
            #expect(try await api.send(.get, "/v1/rooms/r1/participants/p1").status == .ok)
            clock.advance(by: .seconds(1))
            #expect(try await eventually { try await api.send(.get, "/v1/rooms/r1/participants/p1").status == .notFound })
            expectError(try await api.send(.get, "/v1/rooms/r1/participants/p1", credential: p1.token), .unauthorized, "token_revoked")
            let room = try JSONBody.object(try await api.send(.get, "/v1/rooms/r1"))
            #expect((room["participants"] as? [[String: Any]])?.map { $0["id"] as? String } == ["p2"])
        }
    }
}
