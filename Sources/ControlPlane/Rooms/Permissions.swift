/// One thing a participant may be allowed to do.
public enum Permission: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Send media and data on a publish transport.
    case publish
    /// Receive other participants' tracks on a subscribe transport.
    case subscribe
    /// Send and receive data-channel messages.
    case data

    public var description: String { rawValue }
}

/// What a participant may do, whatever credential acts for it: `{"publish","subscribe","data"}`.
///
/// Invariant: a flag omitted from JSON decodes as `true` (the API's default).
public struct Permissions: Codable, Hashable, Sendable {
    public var publish: Bool
    public var subscribe: Bool
    public var data: Bool

    public init(publish: Bool = true, subscribe: Bool = true, data: Bool = true) {
        self.publish = publish
        self.subscribe = subscribe
        self.data = data
    }

    /// Every permission.
    public static let all = Permissions()

    public func allows(_ permission: Permission) -> Bool {
        switch permission {
        case .publish: publish
        case .subscribe: subscribe
        case .data: data
        }
    }

    private enum CodingKeys: String, CodingKey {
        case publish, subscribe, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        publish = try container.decodeIfPresent(Bool.self, forKey: .publish) ?? true
        subscribe = try container.decodeIfPresent(Bool.self, forKey: .subscribe) ?? true
        data = try container.decodeIfPresent(Bool.self, forKey: .data) ?? true
    }
}
