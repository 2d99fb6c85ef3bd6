/// One participant's event stream, as ``RoomEventHub/subscribe(room:participant:initial:)``
/// returns it: the `room` event first, then the room's later events for that participant, in
/// the order they were published.
///
/// Invariants: the stream holds at most the hub's `capacity` items not yet read; when one more
/// would not fit, the stream finishes instead (its reader gets what is buffered, then the end,
/// and should reconnect for a fresh `room`). It also finishes when the room closes (after
/// `room-closed`), when its participant leaves, when the server shuts down
/// (``RoomEventHub/closeAll()``), and on ``close()``. Finished, it is no longer the hub's.
public struct EventStream: AsyncSequence, Sendable {
    /// What a stream carries: events, and keep-alives its reader asked for.
    public enum Item: Hashable, Sendable {
        case event(RoomEvent)
        /// A keep-alive queued by ``EventStream/keepAlive()`` (an SSE comment line).
        case keepAlive
    }

    public typealias Element = Item

    private let items: AsyncStream<Item>
    private let hub: RoomEventHub
    private let room: String
    private let id: UInt64

    init(items: AsyncStream<Item>, hub: RoomEventHub, room: String, id: UInt64) {
        self.items = items
        self.hub = hub
        self.room = room
        self.id = id
    }

    public func makeAsyncIterator() -> AsyncStream<Item>.Iterator {
        items.makeAsyncIterator()
    }

    /// Queues a keep-alive behind the events already queued; it counts against the capacity
    /// like an event (a reader that stopped reading is found out in a quiet room too).
    public func keepAlive() {
        hub.keepAlive(room: room, stream: id)
    }

    /// Finishes the stream and takes it out of the hub (its reader went away).
    public func close() {
        hub.close(room: room, stream: id)
    }
}
