/// An optional figure that JSON shows as `null` when it is unknown: synthesized `Encodable`
/// would leave the key out, and the operator's stats keep every key in every answer.
///
/// Invariant: encodes exactly as `wrappedValue` does, or as `null` when it is nil.
@propertyWrapper
public struct NullWhenUnknown<Value: Encodable & Sendable & Hashable>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}
