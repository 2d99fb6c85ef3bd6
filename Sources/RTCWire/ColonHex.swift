/// Bytes written as upper-case hex pairs joined by colons, `AB:CD:01`: how SDP's
/// `a=fingerprint` (RFC 8122) and DTLS tools print certificate digests.
///
/// Invariant: `decode(encode(bytes)) == bytes` for any non-empty `bytes`; `decode` takes either
/// case and refuses anything else (empty text, a lone digit, a doubled or trailing colon).
public enum ColonHex {
    /// `bytes` as `HH:HH:…`, upper case.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 3)
        for (index, byte) in bytes.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ":")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of `HH:HH:…:HH` (each `H` a hex digit of either case), or nil.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 3 == 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((characters.count + 1) / 3)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]),
                  index + 2 == characters.count || characters[index + 2] == UInt8(ascii: ":")
            else { return nil }
            bytes.append(high << 4 | low)
            index += 3
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
