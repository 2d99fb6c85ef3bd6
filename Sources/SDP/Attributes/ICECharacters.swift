/// RFC 8839 §5.4's `ice-char` rule, which ICE ufrags and passwords are made of.
enum ICECharacters {
    /// Whether `text` has a length in `length` and only ice-chars (`ALPHA / DIGIT / "+" / "/"`).
    static func isICEString(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }
}
