/// The body of `POST /v1/rooms/{room}/participants`:
/// `{"id"?, "name"?, "permissions"?, "metadata"?, "tokenTtlSeconds"?}`.
///
/// Invariants once decoded: `id`, when set, is a valid ``Identifier``; `name` has at most
/// ``maxNameLength`` characters; `tokenTtlSeconds`, when set, is at least 1 (a value above the
/// server's token lifetime is cut to it: a create call may shorten a token's life, never
/// lengthen it). Unknown fields are ignored.
public struct ParticipantCreation: Decodable, Hashable, Sendable {
    public static let maxNameLength = 256

    public var id: String?
    public var name: String?
    public var permissions: Permissions?
    public var metadata: [String: JSONValue]?
    public var tokenTtlSeconds: Int?

    public init(
        id: String? = nil, name: String? = nil, permissions: Permissions? = nil, metadata: [String: JSONValue]? = nil,
        tokenTtlSeconds: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.permissions = permissions
        self.metadata = metadata
        self.tokenTtlSeconds = tokenTtlSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, permissions, metadata, tokenTtlSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIdentifierIfPresent(forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        if let name, name.count > Self.maxNameLength {
            throw RequestError.invalidField(field: "name", problem: "must have at most \(Self.maxNameLength) characters")
        }
        permissions = try container.decodeIfPresent(Permissions.self, forKey: .permissions)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        tokenTtlSeconds = try container.decodeIfPresent(Int.self, forKey: .tokenTtlSeconds, in: 1...Int.max)
    }
}
