// An IP address and port as STUN carries them (MAPPED-ADDRESS, XOR-MAPPED-ADDRESS).

/// A UDP or TCP transport address: an IPv4 or IPv6 address and a port.
///
/// Invariant: addresses are kept as big-endian-read integers, so `.ipv4(address:port:)`
/// of 192.0.2.1 has `address == 0xC0000201`, and IPv6 `high` holds the first 8 bytes.
public enum STUNTransportAddress: Hashable, Sendable, CustomStringConvertible {
    case ipv4(address: UInt32, port: UInt16)
    case ipv6(high: UInt64, low: UInt64, port: UInt16)

    public var port: UInt16 {
        switch self {
        case .ipv4(_, let port), .ipv6(_, _, let port): port
        }
    }

    /// "192.0.2.1:32853", or "[2001:db8::1]:32853" in the RFC 5952 canonical form.
    public var description: String {
        switch self {
        case .ipv4(let address, let port):
            let octets = [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }
            return octets.joined(separator: ".") + ":" + String(port)
        case .ipv6(let high, let low, let port):
            return "[" + Self.canonicalIPv6(high: high, low: low) + "]:" + String(port)
        }
    }

    /// RFC 5952 §4: lowercase hex groups without leading zeros, the longest run (first on a
    /// tie) of two or more zero groups shortened to "::".
    private static func canonicalIPv6(high: UInt64, low: UInt64) -> String {
        let groups = (0..<8).map { index -> UInt16 in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
        }
        var bestStart = -1, bestLength = 1, runStart = 0, runLength = 0
        for (index, group) in groups.enumerated() {
            if group == 0 {
                if runLength == 0 { runStart = index }
                runLength += 1
                if runLength > bestLength { bestStart = runStart; bestLength = runLength }
            } else {
                runLength = 0
            }
        }
        let text = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return text.joined(separator: ":") }
        let head = text[..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
