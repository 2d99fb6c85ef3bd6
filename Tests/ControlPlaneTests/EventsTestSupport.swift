import MediaContract
import ControlPlane
import Foundation
import Synchronization
import Testing

/// Reads an ``EventStream`` in a task of its own and keeps what arrived, so a test can act and
/// then wait (bounded) for the events its actions should have caused.
final class EventRecorder: Sendable {
    private struct State {
        var items: [EventStream.Item] = []
        var finished = false
        var reader: Task<Void, Never>?
    }

    private let state = Mutex(State())

    private init() {}

    /// A recorder reading `stream` from now on.
    static func start(_ stream: EventStream) -> EventRecorder {
        let recorder = EventRecorder()
        let reader = Task {
            for await item in stream {
                recorder.state.withLock { $0.items.append(item) }
            }
            recorder.state.withLock { $0.finished = true }
        }
        recorder.state.withLock { $0.reader = reader }
        return recorder
    }

    /// Cancels the reading task (the reader goes away).
    func cancel() {
        state.withLock { $0.reader }?.cancel()
    }

    /// Everything read so far, keep-alives included.
    var items: [EventStream.Item] { state.withLock { $0.items } }

    /// The events read so far.
    var events: [RoomEvent] {
        items.compactMap { item in
            if case .event(let event) = item { return event }
            return nil
        }
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Waits (bounded: about 5 s) until the events read satisfy `condition`, and returns them.
    func events(where condition: ([RoomEvent]) -> Bool) async throws -> [RoomEvent] {
        for _ in 0..<1000 {
            let events = events
            if condition(events) { return events }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("events never got there; read: \(events.map(\.name))")
        return events
    }

    /// Waits (bounded: about 5 s) for the stream to end, and returns all its events.
    func eventsWhenFinished() async throws -> [RoomEvent] {
        for _ in 0..<1000 where !isFinished {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(isFinished, "the stream did not end; read: \(events.map(\.name))")
        return events
    }
}

/// Polls `condition` (bounded: about 5 s); false if it never held.
func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    for _ in 0..<1000 {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return false
}

/// One Server-Sent Events frame of an answer body.
struct SSEFrame: Equatable {
    var event: String?
    var data: String?
    var comment: String?

    /// The body split at blank lines into frames; nil when a frame has a line of another kind
    /// than `event:`, `data:` or a `:` comment, or repeats one.
    static func frames(of body: String) -> [SSEFrame]? {
        guard body.hasSuffix("\n\n") else { return nil }
        var frames: [SSEFrame] = []
        for block in body.dropLast(2).components(separatedBy: "\n\n") {
            var frame = SSEFrame()
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("event: "), frame.event == nil {
                    frame.event = String(line.dropFirst(7))
                } else if line.hasPrefix("data: "), frame.data == nil {
                    frame.data = String(line.dropFirst(6))
                } else if line.hasPrefix(": "), frame.comment == nil {
                    frame.comment = String(line.dropFirst(2))
                } else {
                    return nil
                }
            }
            frames.append(frame)
        }
        return frames
    }

    /// The frame's data as a JSON object.
    func object() throws -> [String: Any] {
        let data = try #require(data, "frame \(event ?? "?") has no data")
        let value = try JSONSerialization.jsonObject(with: Data(data.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(data)")
    }
}

/// A directory with its own hub, clock and engine, for tests below the HTTP layer.
struct DirectoryFixture {
    let directory: RoomDirectory
    let hub: RoomEventHub
    let clock: ManualClock
    let engine: PublishTestEngine

    init(disconnectGraceSeconds: Int = 20, capacity: Int = RoomEventHub.defaultCapacity) {
        hub = RoomEventHub(capacity: capacity)
        clock = ManualClock()
        engine = PublishTestEngine()
        directory = RoomDirectory(
            settings: .init(
                maxRooms: 5, defaultMaxParticipants: 5, defaultEmptyTimeoutSeconds: 300,
                disconnectGraceSeconds: disconnectGraceSeconds),
            mediaEngine: engine, clock: clock, events: hub)
    }

    /// Creates room r1 with participants of these ids.
    func room(with participants: [String]) async throws {
        _ = try await directory.createRoom(RoomCreation(id: "r1"))
        for id in participants {
            _ = try await directory.addParticipant(ParticipantCreation(id: id), tokenID: "jti-\(id)", to: "r1")
        }
    }

    /// A recorder of the participant's event stream in r1.
    func record(_ participant: String) async throws -> EventRecorder {
        EventRecorder.start(try await directory.eventStream(of: participant, in: "r1"))
    }

    /// Reports a change of the participant's transport in r1, as the engine's workers do.
    func emit(_ participant: String, _ role: TransportRole, _ state: TransportStateChange.State) {
        engine.emit(TransportStateChange(room: "r1", participant: participant, role: role, state: state))
    }

    /// Whether the participant is still in r1.
    func isPresent(_ participant: String) async -> Bool {
        (try? await directory.participant(participant, in: "r1")) != nil
    }
}
