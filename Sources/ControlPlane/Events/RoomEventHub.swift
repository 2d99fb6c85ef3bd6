import Synchronization

/// Hands each room's events to the event streams of its participants.
///
/// Nothing here is async and nothing waits: the ``RoomDirectory`` actor publishes inside its
/// state changes, so every stream sees the events in the order of the changes, and a stream's
/// first event (`room`, the snapshot passed to ``subscribe(room:participant:initial:)``) is
/// followed by exactly the events published after it.
///
/// Invariants: ``publish(_:room:audience:)`` never blocks and never grows a stream past
/// `capacity` unread items: a stream that would overflow is finished and dropped instead (its
/// reader is too slow or gone). Every stream the hub holds is unfinished; a finished stream is
/// never yielded to again. Continuations are finished outside the lock, because finishing runs
/// the stream's termination handler, which takes the lock. Once ``closeAll()`` ran (the server
/// is shutting down) the hub holds no stream and every later one is finished at once.
public final class RoomEventHub: Sendable {
    /// Items a stream may hold unread when no capacity is given.
    public static let defaultCapacity = 256

    /// The most items (events and keep-alives) a stream holds unread; at least 2, so `room`
    /// and `room-closed` always fit a stream that was read.
    public let capacity: Int

    private typealias Continuation = AsyncStream<EventStream.Item>.Continuation

    private struct Subscriber {
        let participant: String
        let continuation: Continuation
    }

    private struct State {
        /// Streams by room, then by stream id.
        var rooms: [String: [UInt64: Subscriber]] = [:]
        var nextID: UInt64 = 0
        /// Set by ``closeAll()``: no stream is kept from then on.
        var isClosed = false
    }

    private let state = Mutex(State())

    /// - Parameter capacity: items a stream may hold unread (raised to 2 when smaller).
    public init(capacity: Int = RoomEventHub.defaultCapacity) {
        self.capacity = max(capacity, 2)
    }

    /// A new stream of `participant` in `room`: `initial` as its `room` event, then every event
    /// published for that participant from now on (after ``closeAll()``: `room`, then the end).
    public func subscribe(room: String, participant: String, initial: Room) -> EventStream {
        let (items, continuation) = AsyncStream.makeStream(of: EventStream.Item.self, bufferingPolicy: .bufferingOldest(capacity))
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.remove(room: room, stream: id)
        }
        let isClosed = state.withLock { state in
            continuation.yield(.event(.room(initial)))
            guard !state.isClosed else { return true }
            state.rooms[room, default: [:]][id] = Subscriber(participant: participant, continuation: continuation)
            return false
        }
        if isClosed { continuation.finish() }
        return EventStream(items: items, hub: self, room: room, id: id)
    }

    /// Queues `event` on the streams of `room` that `audience` includes; streams that are full
    /// are finished and dropped.
    public func publish(_ event: RoomEvent, room: String, audience: EventAudience) {
        let overflowed = state.withLock { state -> [Continuation] in
            guard let subscribers = state.rooms[room] else { return [] }
            var overflowed: [Continuation] = []
            for (id, subscriber) in subscribers where audience.includes(subscriber.participant) {
                if !Self.enqueue(.event(event), on: subscriber.continuation) {
                    overflowed.append(subscriber.continuation)
                    remove(id, of: room, in: &state)
                }
            }
            return overflowed
        }
        for continuation in overflowed {
            continuation.finish()
        }
    }

    /// Sends `room-closed` to every stream of the room, then finishes them all.
    public func closeRoom(_ room: String) {
        let subscribers = state.withLock { $0.rooms.removeValue(forKey: room) } ?? [:]
        for subscriber in subscribers.values {
            subscriber.continuation.yield(.event(.roomClosed))
            subscriber.continuation.finish()
        }
    }

    /// Finishes the participant's streams (it left or was removed); nothing is sent on them.
    public func closeParticipant(room: String, participant: String) {
        let closed = state.withLock { state -> [Continuation] in
            guard let subscribers = state.rooms[room] else { return [] }
            let leaving = subscribers.filter { $0.value.participant == participant }
            for id in leaving.keys {
                remove(id, of: room, in: &state)
            }
            return leaving.values.map(\.continuation)
        }
        for continuation in closed {
            continuation.finish()
        }
    }

    /// Finishes every stream of every room (nothing is sent on them: the server is shutting
    /// down, so their readers should not expect a `room-closed`), and finishes every later one
    /// at once. Returns how many streams it finished.
    @discardableResult
    public func closeAll() -> Int {
        let subscribers = state.withLock { state -> [Subscriber] in
            state.isClosed = true
            defer { state.rooms = [:] }
            return state.rooms.values.flatMap(\.values)
        }
        for subscriber in subscribers {
            subscriber.continuation.finish()
        }
        return subscribers.count
    }

    /// How many streams of the room are open.
    public func streamCount(room: String) -> Int {
        state.withLock { $0.rooms[room]?.count ?? 0 }
    }

    // MARK: For EventStream

    func keepAlive(room: String, stream id: UInt64) {
        let overflowed = state.withLock { state -> Continuation? in
            guard let subscriber = state.rooms[room]?[id] else { return nil }
            if Self.enqueue(.keepAlive, on: subscriber.continuation) { return nil }
            remove(id, of: room, in: &state)
            return subscriber.continuation
        }
        overflowed?.finish()
    }

    func close(room: String, stream id: UInt64) {
        let closed = state.withLock { state -> Continuation? in
            let subscriber = state.rooms[room]?[id]
            remove(id, of: room, in: &state)
            return subscriber?.continuation
        }
        closed?.finish()
    }

    // MARK: Private

    /// Forgets a stream that terminated (finished, or its reader was cancelled).
    private func remove(room: String, stream id: UInt64) {
        state.withLock { remove(id, of: room, in: &$0) }
    }

    private func remove(_ id: UInt64, of room: String, in state: inout State) {
        state.rooms[room]?[id] = nil
        if state.rooms[room]?.isEmpty == true {
            state.rooms[room] = nil
        }
    }

    /// Whether `item` was queued (false: the stream is full or already terminated).
    private static func enqueue(_ item: EventStream.Item, on continuation: Continuation) -> Bool {
        switch continuation.yield(item) {
        case .enqueued: true
        case .dropped, .terminated: false
        @unknown default: false
        }
    }
}
