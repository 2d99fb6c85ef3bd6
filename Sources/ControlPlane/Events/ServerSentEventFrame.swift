public import NIOCore

/// The bytes of one Server-Sent Events item (WHATWG HTML §9.2): an event is
/// `event: NAME\ndata: JSON\n\n`, a keep-alive is the comment `: keep-alive\n\n`.
///
/// Invariant: a frame ends with exactly one blank line and has no other line break than the
/// ones above (the JSON encoder escapes line breaks inside strings), so each frame is one event
/// to the reader.
public enum ServerSentEventFrame {
    /// The frame of `item`.
    public static func bytes(of item: EventStream.Item) throws(RoomEventEncodingError) -> ByteBuffer {
        switch item {
        case .event(let event):
            ByteBuffer(string: "event: \(event.name)\ndata: \(try event.jsonData())\n\n")
        case .keepAlive:
            ByteBuffer(string: ": keep-alive\n\n")
        }
    }
}
