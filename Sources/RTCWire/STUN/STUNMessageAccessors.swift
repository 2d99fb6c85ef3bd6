// Typed readers for the attributes STUN and ICE define (RFC 8489 §14, RFC 8445 §16.1).
// Each returns nil when the attribute is absent, does not count (see STUNAttributes) or has
// a value the specification does not allow.

extension STUNMessage {
    /// USERNAME: the raw value (UTF-8, not validated).
    public var username: UnsafeRawBufferPointer? { attribute(.username)?.value }

    /// USERNAME split into ICE's recipient and sender fragments.
    public var iceUsernameFragments: ICEUsernameFragments? {
        username.flatMap { ICEUsernameFragments(splitting: $0) }
    }

    /// SOFTWARE: the raw value (UTF-8, not validated).
    public var software: UnsafeRawBufferPointer? { attribute(.software)?.value }

    /// MESSAGE-INTEGRITY: the 20-byte HMAC-SHA1 value.
    public var messageIntegrity: UnsafeRawBufferPointer? {
        guard let attribute = attribute(.messageIntegrity), attribute.value.count == 20 else { return nil }
        return attribute.value
    }

    /// MESSAGE-INTEGRITY-SHA256: the HMAC-SHA256 value, 16 to 32 bytes in steps of 4
    /// (RFC 8489 §14.6 allows truncation to no fewer than 16 bytes).
    public var messageIntegritySHA256: UnsafeRawBufferPointer? {
        guard let attribute = attribute(.messageIntegritySHA256),
              STUNIntegrity.isValidSHA256Length(attribute.value.count)
        else { return nil }
        return attribute.value
    }

    /// FINGERPRINT: the transmitted CRC-32 XOR 0x5354554E, as a number.
    public var fingerprint: UInt32? {
        guard let attribute = attribute(.fingerprint), attribute.value.count == 4 else { return nil }
        return attribute.value.u32(0)
    }

    /// XOR-MAPPED-ADDRESS, unmasked with the magic cookie and transaction ID.
    public var xorMappedAddress: STUNTransportAddress? {
        attribute(.xorMappedAddress).flatMap { STUNAddressValue.read($0.value, xorWith: transactionID) }
    }

    /// MAPPED-ADDRESS (the pre-XOR form kept for RFC 3489 peers).
    public var mappedAddress: STUNTransportAddress? {
        attribute(.mappedAddress).flatMap { STUNAddressValue.read($0.value, xorWith: nil) }
    }

    /// PRIORITY: the priority of the peer-reflexive candidate a check would create.
    public var priority: UInt32? {
        guard let attribute = attribute(.priority), attribute.value.count == 4 else { return nil }
        return attribute.value.u32(0)
    }

    /// True when USE-CANDIDATE is present with its required empty value.
    public var useCandidate: Bool {
        attribute(.useCandidate)?.value.count == 0
    }

    /// ICE-CONTROLLING: the sender's 64-bit tie-breaker, present when it is controlling.
    public var iceControlling: UInt64? { tieBreaker(.iceControlling) }

    /// ICE-CONTROLLED: the sender's 64-bit tie-breaker, present when it is controlled.
    public var iceControlled: UInt64? { tieBreaker(.iceControlled) }

    /// ERROR-CODE: class × 100 + number; nil when the class is outside 3–6 or the number
    /// above 99.
    public var errorCode: STUNErrorCode? {
        guard let attribute = attribute(.errorCode), attribute.value.count >= 4 else { return nil }
        let errorClass = UInt16(attribute.value.u8(2) & 0x07)
        let number = UInt16(attribute.value.u8(3))
        guard number < 100 else { return nil }
        return STUNErrorCode(rawValue: errorClass * 100 + number)
    }

    /// ERROR-CODE's reason phrase (UTF-8, not validated).
    public var errorReasonPhrase: UnsafeRawBufferPointer? {
        guard let attribute = attribute(.errorCode), attribute.value.count >= 4 else { return nil }
        return UnsafeRawBufferPointer(rebasing: attribute.value[4...])
    }

    /// UNKNOWN-ATTRIBUTES: the types a 420 error response reports; nil for an odd length.
    public var unknownAttributes: STUNUnknownAttributeList? {
        guard let attribute = attribute(.unknownAttributes), attribute.value.count % 2 == 0 else { return nil }
        return STUNUnknownAttributeList(value: attribute.value)
    }

    private func tieBreaker(_ type: STUNAttributeType) -> UInt64? {
        guard let attribute = attribute(type), attribute.value.count == 8 else { return nil }
        return attribute.value.u64(0)
    }
}
