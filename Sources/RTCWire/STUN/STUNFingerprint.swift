// FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message before it, XOR 0x5354554E.

enum STUNFingerprint {
    /// XORed into the CRC so that a STUN message's fingerprint differs from the CRC of
    /// another protocol's packet that embeds it ("STUN" in ASCII).
    static let mask: UInt32 = 0x5354_554E

    /// The FINGERPRINT value of the message bytes before the attribute.
    static func value(of prefix: UnsafeRawBufferPointer) -> UInt32 {
        CRC32.checksum(prefix) ^ mask
    }
}

extension STUNMessage {
    /// True when the last attribute is a 4-byte FINGERPRINT whose value matches the CRC-32
    /// of the message before it. False when FINGERPRINT is absent, malformed, not last, or
    /// does not match. Does not allocate.
    public func verifyFingerprint() -> Bool {
        guard let attribute = attribute(.fingerprint),
              attribute.value.count == 4,
              attribute.offset + 8 == bytes.count
        else { return false }
        let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<attribute.offset])
        return STUNFingerprint.value(of: prefix) == attribute.value.u32(0)
    }
}
