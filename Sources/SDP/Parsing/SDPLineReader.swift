/// One non-blank line of SDP input with its position.
///
/// Invariant: `type` is a lowercase ASCII letter and `text` is `"\(type)=\(value)"` without the
/// line ending; `number` is 1-based over every line of the input.
struct SDPSourceLine {
    let number: Int
    let text: String
    let type: Character
    let value: Substring
}

/// Splits SDP text into lines (LF or CRLF endings), skipping blank lines and refusing control
/// characters and lines that are not `<letter>=<value>`.
enum SDPLineReader {
    static func lines(of text: String) throws(SDPError) -> [SDPSourceLine] {
        let bytes = Array(text.utf8)
        var lines: [SDPSourceLine] = []
        var number = 0
        var start = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if end > start { lines.append(try line(bytes[start..<end], number: number)) }
            start = next
        }
        return lines
    }

    private static func line(_ bytes: ArraySlice<UInt8>, number: Int) throws(SDPError) -> SDPSourceLine {
        let text = String(decoding: bytes, as: UTF8.self)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                throw SDPError(line: number, text: text, problem: .controlCharacter(byte))
            }
            index += 1
        }
        let first = bytes[bytes.startIndex]
        guard bytes.count >= 2, first >= 0x61, first <= 0x7A, bytes[bytes.startIndex + 1] == UInt8(ascii: "=") else {
            throw SDPError(line: number, text: text, problem: .expected("<type letter>=<value>"))
        }
        let value = Substring(text.utf8.dropFirst(2))
        return SDPSourceLine(number: number, text: text, type: Character(Unicode.Scalar(first)), value: value)
    }
}
