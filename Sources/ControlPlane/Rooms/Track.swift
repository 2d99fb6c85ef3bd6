/// A published track as the API shows it (`Participant.tracks`, `track-published` events).
///
/// Invariants: `id` is unique among the room's current tracks (the server makes it from the
/// publisher's id and the publish section's mid, so a section published again after it ended
/// gets its old id back, and its subscribers' sections continue); `mid` is the publisher's mid; `codec` is a
/// `kind/encoding` MIME type as in SDP (e.g. `video/VP8`); `simulcast` lists rids when the
/// publisher sends simulcast, and is absent otherwise.
public struct Track: Encodable, Hashable, Sendable {
    public let id: String
    public let kind: String
    public let mid: String
    public let codec: String
    public let simulcast: [String]?
    public var muted: Bool

    public init(id: String, kind: String, mid: String, codec: String, simulcast: [String]? = nil, muted: Bool = false) {
        self.id = id
        self.kind = kind
        self.mid = mid
        self.codec = codec
        self.simulcast = simulcast
        self.muted = muted
    }
}
