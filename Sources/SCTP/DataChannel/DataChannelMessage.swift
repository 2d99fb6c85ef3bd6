// One application message on a data channel.

/// A message the application sends or receives on a data channel.
///
/// Invariants: `payload` is the message itself, never the one-byte stand-in SCTP carries for an
/// empty message; a `.text` payload is passed on as received, not checked as UTF-8 (the server
/// relays it without decoding).
public struct DataChannelMessage: Hashable, Sendable {
    /// How the application sent the message (W3C `send(string)` or `send(binary)`).
    public enum Kind: Hashable, Sendable {
        case text
        case binary
    }

    public var kind: Kind
    public var payload: [UInt8]

    public init(kind: Kind, payload: [UInt8]) {
        self.kind = kind
        self.payload = payload
    }
}
