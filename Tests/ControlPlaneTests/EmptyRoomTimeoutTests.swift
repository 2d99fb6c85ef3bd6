import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A room with no participant closes `emptyTimeoutSeconds` after it became empty (or was
/// created), on the injected clock.
@Suite("Empty-room timeout")
struct EmptyRoomTimeoutTests {
    /// Polls (bounded: about 2 s of real time) until the room is gone; false if it never goes.
    static func waitUntilClosed(_ api: TestAPI, room: String) async throws -> Bool {
        for _ in 0..<200 {
            if try await api.send(.get, "/v1/rooms/\(room)").status == .notFound { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Waits (bounded) until `count` tasks sleep on the clock, so a check that the room is still
    /// there is not just a timer that has not started yet.
    static func waitForSleepers(_ clock: ManualClock, count: Int) async throws {
        for _ in 0..<200 where clock.sleeperCount < count {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(clock.sleeperCount == count)
    }

    @Test("a room nobody joined closes after its emptyTimeoutSeconds, not before")
    func neverJoined() async throws {
        let clock = ManualClock()
        let engine = PublishTestEngine()
        try await TestServer.run(engine: engine, clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1","emptyTimeoutSeconds":10}"#)
            try await Self.waitForSleepers(clock, count: 1)
            clock.advance(by: .seconds(9))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)
            clock.advance(by: .seconds(1))
            #expect(try await Self.waitUntilClosed(api, room: "r1"))
            #expect(await engine.calls == [.closeRoom("r1")])
        }
    }

    @Test("the configured default applies when the create call omits it")
    func configuredDefault() async throws {
        let clock = ManualClock()
        try await TestServer.run(TestServer.configuration(emptyTimeoutSeconds: 60), clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1"}"#)
            try await Self.waitForSleepers(clock, count: 1)
            clock.advance(by: .seconds(59))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)
            clock.advance(by: .seconds(1))
            #expect(try await Self.waitUntilClosed(api, room: "r1"))
        }
    }

    @Test("a joined room stays open; the timeout starts again when the last participant leaves")
    func restartsWhenEmptyAgain() async throws {
        let clock = ManualClock()
        try await TestServer.run(clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1","emptyTimeoutSeconds":10}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p1"}"#)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p2"}"#)
            try await Self.waitForSleepers(clock, count: 0)
            clock.advance(by: .seconds(30))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)

            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p1").status == .noContent)
            try await Self.waitForSleepers(clock, count: 0)
            clock.advance(by: .seconds(30))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)

            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p2").status == .noContent)
            try await Self.waitForSleepers(clock, count: 1)
            clock.advance(by: .seconds(9))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)
            _ = try await api.createParticipant(room: "r1", #"{"id":"p3"}"#)
            try await Self.waitForSleepers(clock, count: 0)
            clock.advance(by: .seconds(5))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)
            #expect(try await api.send(.delete, "/v1/rooms/r1/participants/p3").status == .noContent)
            try await Self.waitForSleepers(clock, count: 1)
            clock.advance(by: .seconds(10))
            #expect(try await Self.waitUntilClosed(api, room: "r1"))
        }
    }

    @Test("emptyTimeoutSeconds 0 closes an empty room at once, without the clock moving")
    func zeroTimeout() async throws {
        let clock = ManualClock()
        try await TestServer.run(clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1","emptyTimeoutSeconds":0}"#)
            #expect(try await Self.waitUntilClosed(api, room: "r1"))
        }
    }

    @Test("a deleted room's timer does not close a new room with the same id")
    func deletedRoomTimer() async throws {
        let clock = ManualClock()
        try await TestServer.run(clock: clock) { api in
            _ = try await api.createRoom(#"{"id":"r1","emptyTimeoutSeconds":10}"#)
            try await Self.waitForSleepers(clock, count: 1)
            #expect(try await api.send(.delete, "/v1/rooms/r1").status == .noContent)
            try await Self.waitForSleepers(clock, count: 0)
            clock.advance(by: .seconds(5))
            _ = try await api.createRoom(#"{"id":"r1","emptyTimeoutSeconds":10}"#)
            try await Self.waitForSleepers(clock, count: 1)
            clock.advance(by: .seconds(5))
            #expect(try await api.send(.get, "/v1/rooms/r1").status == .ok)
            clock.advance(by: .seconds(5))
            #expect(try await Self.waitUntilClosed(api, room: "r1"))
        }
    }
}
