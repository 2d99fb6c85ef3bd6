/// The API's identifiers (rooms, participants, tracks): 1–64 characters of `[A-Za-z0-9_.-]`.
///
/// Invariant: "." and ".." are refused as well, although the pattern allows them: as a URL path
/// segment they mean "this" and "parent" and never reach the server intact.
public enum Identifier {
    public static let maxLength = 64

    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...maxLength).contains(bytes.count), text != ".", text != ".." else { return false }
        return bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }

    /// A new random identifier for a create call that omits one: 16 characters of `[a-z0-9]`
    /// (about 82 bits), from the system's secure generator.
    public static func random() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
