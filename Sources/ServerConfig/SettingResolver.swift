/// Resolves settings through the layers, highest priority first, falling back to each setting's
/// ``SettingKey/defaultValue``, and validates what it finds.
///
/// Invariant: every value it returns passed its parser; every failure names the key (with the
/// list index for list items), the value (masked for secrets), the source and the expectation.
struct SettingResolver {
    private let layers: [ConfigLayer]
    /// The source of every setting resolved so far.
    private(set) var sources: [SettingKey: ConfigSource] = [:]

    init(layers: [ConfigLayer]) {
        self.layers = layers
    }

    /// The raw value of `key` from the highest layer that sets it, or its default.
    mutating func raw(_ key: SettingKey) throws(ConfigurationError) -> (value: RawSettingValue, source: ConfigSource) {
        for layer in layers {
            if let found = try layer.value(of: key) {
                sources[key] = found.source
                return found
            }
        }
        sources[key] = .defaultValue
        return (key.defaultValue, .defaultValue)
    }

    /// A scalar setting, converted by `parse` (nil: invalid).
    mutating func scalar<Value>(_ key: SettingKey, _ parse: (String) -> Value?) throws(ConfigurationError) -> Value {
        let (raw, source) = try raw(key)
        guard case .scalar(let text) = raw, let value = parse(text) else {
            throw .invalidValue(key: key.rawValue, value: Self.shown(raw, key), source: source, expected: key.expectation)
        }
        return value
    }

    /// An integer setting within ``SettingKey/integerRange``.
    mutating func integer(_ key: SettingKey) throws(ConfigurationError) -> Int {
        let range = key.integerRange ?? Int.min...Int.max
        return try scalar(key) { SettingParsers.integer($0, in: range) }
    }

    /// A list setting whose every item satisfies `isValid`; an invalid item is reported as
    /// `key[index]`.
    mutating func list(_ key: SettingKey, _ isValid: (String) -> Bool) throws(ConfigurationError) -> [String] {
        let (raw, source) = try raw(key)
        guard case .list(let items) = raw else {
            throw .invalidValue(key: key.rawValue, value: Self.shown(raw, key), source: source, expected: key.expectation)
        }
        for (index, item) in items.enumerated() where !isValid(item) {
            throw .invalidValue(
                key: "\(key.rawValue)[\(index)]", value: Self.shown(.scalar(item), key), source: source,
                expected: key.expectation)
        }
        return items
    }

    static func shown(_ raw: RawSettingValue, _ key: SettingKey) -> ShownValue {
        switch raw {
        case .scalar(let text):
            key.isSecret ? .masked(byteCount: text.utf8.count) : .text(text)
        case .list(let items):
            key.isSecret ? .masked(byteCount: items.reduce(0) { $0 + $1.utf8.count }) : .list(items)
        }
    }
}
