public import RTCWire

/// Which server addresses the harness may send to: the ones the user named (the `--url` host,
/// and loopback by default). Candidates in a server's SDP outside the policy are skipped, so
/// traffic never goes anywhere the user did not name.
///
/// Invariant: `allowedIPv4` is never empty.
public struct AddressPolicy: Sendable, Hashable {
    /// IPv4 addresses as big-endian-read integers (127.0.0.1 is 0x7F00_0001).
    public let allowedIPv4: Set<UInt32>

    /// Loopback only.
    public static let loopback = AddressPolicy(allowedIPv4: [0x7F00_0001])

    public init(allowedIPv4: Set<UInt32>) {
        self.allowedIPv4 = allowedIPv4.isEmpty ? [0x7F00_0001] : allowedIPv4
    }

    /// True when the harness may send to `address`.
    public func allows(_ address: STUNTransportAddress) -> Bool {
        guard case .ipv4(let ip, _) = address else { return false }
        return allowedIPv4.contains(ip)
    }
}
