#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Pure checks and conversions of raw setting text. Each returns nil (or false) for anything it
/// does not accept; the loader turns that into a ``ConfigurationError`` naming key and source.
enum SettingParsers {
    /// A decimal integer of ASCII digits only (no sign, no spaces) within `range`.
    static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int(text), range.contains(value)
        else { return nil }
        return value
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 literal (no brackets, no zone), or nil.
    static func ipAddressBytes(_ text: String) -> [UInt8]? {
        var storage = [UInt8](repeating: 0, count: 16)
        for (family, length) in [(AF_INET, 4), (AF_INET6, 16)] {
            let parsed = storage.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
            if parsed == 1 {
                return Array(storage.prefix(length))
            }
        }
        return nil
    }

    static func isIPAddress(_ text: String) -> Bool {
        ipAddressBytes(text) != nil
    }

    /// `0.0.0.0` or `::`: binds every interface but cannot be put in an ICE candidate.
    static func isUnspecifiedIPAddress(_ text: String) -> Bool {
        ipAddressBytes(text)?.allSatisfy { $0 == 0 } ?? false
    }

    /// An IP literal, or a host name per RFC 1123 (dot-separated labels of 1-63 letters, digits
    /// and inner hyphens; 253 characters at most).
    static func isHost(_ text: String) -> Bool {
        if isIPAddress(text) {
            return true
        }
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
            return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
                && bytes.allSatisfy { isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// swift-log's level names, in lower case (upper case is accepted too).
    static func logLevel(_ text: String) -> Logger.Level? {
        Logger.Level(rawValue: text.lowercased())
    }

    /// `true` or `false` (any case).
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// `auto` or `0`: one worker per core; otherwise 1 through `SettingKey.maxWorkers`.
    static func workerCount(_ text: String, coreCount: Int) -> Int? {
        if text.lowercased() == "auto" || text == "0" {
            return max(1, coreCount)
        }
        return integer(text, in: 1...SettingKey.maxWorkers)
    }

    /// An RFC 6750 `b64token`: one or more of `A-Z a-z 0-9 - . _ ~ + /`, then any number of `=`.
    static func isBearerToken(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, bytes.dropFirst(body.count).allSatisfy({ $0 == UInt8(ascii: "=") }) else {
            return false
        }
        return body.allSatisfy { byte in
            isASCIIAlphanumeric(byte) || "-._~+/".utf8.contains(byte)
        }
    }

    /// Splits `HOST:PORT` at its last colon; an IPv6 host must be bracketed: `[::1]:8080`.
    static func splitHostPort(_ text: String) -> (host: String, port: String)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let afterClose = text[text.index(after: close)...]
            guard afterClose.hasPrefix(":") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            return (host, String(afterClose.dropFirst()))
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard !host.contains(":") else { return nil }
        return (host, String(text[text.index(after: colon)...]))
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
