extension KeyedDecodingContainer {
    /// An optional identifier field; one that breaks the ``Identifier`` pattern is a 400
    /// `invalid_identifier`.
    func decodeIdentifierIfPresent(forKey key: Key) throws -> String? {
        guard let value = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard Identifier.isValid(value) else {
            throw RequestError.invalidIdentifier(field: key.stringValue, value: value)
        }
        return value
    }

    /// An optional integer field that must lie in `range` (400 `invalid_field` otherwise, also
    /// for a fraction or a string: read as any JSON value first, so the message names the field
    /// whatever the decoder would have said about a number that is not an `Int`).
    func decodeIfPresent(_ type: Int.Type, forKey key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        if case .null = value { return nil }
        guard case .integer(let integer) = value, let number = Int(exactly: integer), range.contains(number) else {
            let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
            throw RequestError.invalidField(
                field: key.stringValue, problem: "must be an integer from \(range.lowerBound)\(upper)")
        }
        return number
    }
}
