/// Small lexical helpers shared by the attribute parsers: field splitting, decimal numbers and
/// the RFC 8866 `token` check. They work on UTF-8 bytes (every separator in SDP is ASCII), with
/// plain loops rather than generic algorithms so that debug builds stay fast too.
enum SDPText {
    private static let space = UInt8(ascii: " ")

    /// The fields of `text` separated by runs of spaces (no empty fields).
    static func fields(_ text: Substring) -> [Substring] {
        let bytes = text.utf8
        var fields: [Substring] = []
        var index = bytes.startIndex
        var start: Substring.Index?
        while index != bytes.endIndex {
            if bytes[index] == space {
                if let fieldStart = start { fields.append(Substring(bytes[fieldStart..<index])) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = bytes.index(after: index)
        }
        if let fieldStart = start { fields.append(Substring(bytes[fieldStart...])) }
        return fields
    }

    /// The first field of `text` and the rest after the spaces that follow it (nil when nothing
    /// follows). Leading spaces of `text` are skipped.
    static func splitFirst(_ text: Substring) -> (first: Substring, rest: Substring?) {
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex, bytes[start] == space { start = bytes.index(after: start) }
        var end = start
        while end != bytes.endIndex, bytes[end] != space { end = bytes.index(after: end) }
        var rest = end
        while rest != bytes.endIndex, bytes[rest] == space { rest = bytes.index(after: rest) }
        return (Substring(bytes[start..<end]), rest == bytes.endIndex ? nil : Substring(bytes[rest...]))
    }

    /// The text before the first `separator` byte and the text after it (nil when absent).
    static func splitAt(_ separator: UInt8, _ text: Substring) -> (head: Substring, tail: Substring?) {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == separator {
                return (Substring(bytes[..<index]), Substring(bytes[bytes.index(after: index)...]))
            }
            index = bytes.index(after: index)
        }
        return (text, nil)
    }

    /// The parts of `text` between `separator` bytes, empty parts included.
    static func split(_ text: Substring, on separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        var rest: Substring? = text
        while let remaining = rest {
            let (head, tail) = splitAt(separator, remaining)
            parts.append(head)
            rest = tail
        }
        return parts
    }

    /// A decimal number made only of ASCII digits, at most `maximum`, or nil.
    static func number(_ text: Substring, maximum: UInt64) -> UInt64? {
        let bytes = text.utf8
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2, sum <= maximum else { return nil }
            value = sum
        }
        return value
    }

    static func number(_ text: Substring, as type: UInt8.Type) -> UInt8? {
        number(text, maximum: UInt64(UInt8.max)).map { UInt8($0) }
    }

    static func number(_ text: Substring, as type: UInt16.Type) -> UInt16? {
        number(text, maximum: UInt64(UInt16.max)).map { UInt16($0) }
    }

    static func number(_ text: Substring, as type: UInt32.Type) -> UInt32? {
        number(text, maximum: UInt64(UInt32.max)).map { UInt32($0) }
    }

    static func number(_ text: Substring, as type: UInt64.Type) -> UInt64? {
        number(text, maximum: UInt64.max)
    }

    /// Whether `text` is a non-empty RFC 8866 `token` (visible ASCII without separators).
    static func isToken(_ text: Substring) -> Bool {
        guard !text.utf8.isEmpty else { return false }
        for byte in text.utf8 where !isTokenByte(byte) { return false }
        return true
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x30...0x39, 0x41...0x5A, 0x5E...0x7E: return true
        default: return false
        }
    }
}
