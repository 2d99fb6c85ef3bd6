/// An attribute line kept as written: `a=<name>` or `a=<name>:<value>`.
///
/// Invariant: `name` is non-empty and has no colon; `value` is nil for a property attribute
/// (no colon) and may be empty (`a=name:`). Neither contains a control character.
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
