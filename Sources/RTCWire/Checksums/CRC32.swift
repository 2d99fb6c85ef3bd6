// CRC-32 (IEEE 802.3 / ISO-HDLC, reflected polynomial 0xEDB88320), as STUN FINGERPRINT uses.

/// The CRC-32 of ISO-HDLC (the one zlib, Ethernet and RFC 1952 use), computed incrementally.
///
/// Invariants: the register starts at all ones and `checksum` is its complement, so the
/// checksum of "123456789" is 0xCBF43926; `update` is table-driven and never allocates.
public struct CRC32: Sendable {
    /// The byte-at-a-time lookup table for the reflected polynomial.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    private var register: UInt32 = 0xFFFF_FFFF

    public init() {}

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = register
        Self.table.withUnsafeBufferPointer { table in
            let entries = table.baseAddress!
            for byte in bytes {
                crc = entries[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        register = crc
    }

    /// The CRC-32 of everything absorbed so far.
    public var checksum: UInt32 { ~register }

    /// The CRC-32 of `bytes` in one call.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.checksum
    }
}
