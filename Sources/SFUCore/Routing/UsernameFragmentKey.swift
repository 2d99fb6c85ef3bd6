import RTCWire

/// A local ICE username fragment as the transport table's key: the server generates every
/// fragment with `ICECredentials.generatedUsernameFragmentLength` (16) characters, so a key is
/// those 16 bytes in two integers, and looking up a check's USERNAME allocates nothing.
///
/// Invariant: made only from exactly 16 bytes; any other length has no key (no transport of
/// this server can own it).
struct UsernameFragmentKey: Hashable, Sendable {
    static let byteCount = 16
    let high: UInt64
    let low: UInt64

    /// The key of a fragment borrowed from a STUN USERNAME, or nil if it has the wrong length.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.byteCount else { return nil }
        high = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }

    /// The key of one of the server's own fragments.
    init?(_ fragment: String) {
        var utf8 = Array(fragment.utf8)
        guard let key = utf8.withUnsafeMutableBytes({ Self(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = key
    }
}

/// A remote address as seen on one local socket: the table routes non-STUN datagrams by it.
struct RouteKey: Hashable, Sendable {
    let socketIndex: Int
    let remote: STUNTransportAddress
}
