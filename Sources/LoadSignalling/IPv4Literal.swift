/// Dotted-quad IPv4 literals ("127.0.0.1") as the big-endian-read integers `AddressPolicy` and
/// `STUNTransportAddress` use.
enum IPv4Literal {
    /// The address, or nil unless `text` is exactly four decimal numbers 0–255 (at most three
    /// digits each) separated by dots.
    static func parse<Text: StringProtocol>(_ text: Text) -> UInt32? {
        var address: UInt32 = 0
        var octets = 0
        var value: UInt32 = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                address = address << 8 | value
                octets += 1
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                value = value * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return address << 8 | value
    }

    /// "a.b.c.d".
    static func text(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
