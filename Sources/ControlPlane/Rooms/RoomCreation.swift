/// The body of `POST /v1/rooms`: `{"id"?, "maxParticipants"?, "emptyTimeoutSeconds"?, "metadata"?}`.
///
/// Invariants once decoded: `id`, when set, is a valid ``Identifier``; `maxParticipants` and
/// `emptyTimeoutSeconds`, when set, lie in the ranges the configuration allows for their
/// defaults. Unknown fields are ignored (the API may grow).
public struct RoomCreation: Decodable, Hashable, Sendable {
    /// The range of `limits.maxParticipantsPerRoom` in the configuration.
    public static let maxParticipantsRange = 1...10_000
    /// The range of `rooms.emptyTimeoutSeconds` in the configuration.
    public static let emptyTimeoutRange = 0...604_800

    public var id: String?
    public var maxParticipants: Int?
    public var emptyTimeoutSeconds: Int?
    public var metadata: [String: JSONValue]?

    public init(id: String? = nil, maxParticipants: Int? = nil, emptyTimeoutSeconds: Int? = nil, metadata: [String: JSONValue]? = nil) {
        self.id = id
        self.maxParticipants = maxParticipants
        self.emptyTimeoutSeconds = emptyTimeoutSeconds
        self.metadata = metadata
    }

    private enum CodingKeys: String, CodingKey {
        case id, maxParticipants, emptyTimeoutSeconds, metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIdentifierIfPresent(forKey: .id)
        maxParticipants = try container.decodeIfPresent(Int.self, forKey: .maxParticipants, in: Self.maxParticipantsRange)
        emptyTimeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .emptyTimeoutSeconds, in: Self.emptyTimeoutRange)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
    }
}
