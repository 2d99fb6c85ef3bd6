// MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (§14.6):
// keys, computation over a message prefix with an adjusted length, and verification.

/// The HMAC key of a STUN credential, with both HMAC states prepared once.
///
/// For ICE's short-term credentials (RFC 8489 §9.1.1, RFC 8445 §7.2.2) the key is the
/// password's bytes: ICE passwords are printable ASCII, which OpaqueString leaves unchanged.
/// For long-term credentials pass the derived key (MD5 or SHA-256 of
/// "username:realm:password", §9.2.2).
///
/// Invariant: both states have absorbed the same key, so copying one per message costs no
/// hashing of the key.
public struct STUNIntegrityKey: Sendable {
    let sha1: HMAC<SHA1>
    let sha256: HMAC<SHA256>

    public init(_ key: UnsafeRawBufferPointer) {
        sha1 = HMAC(key: key)
        sha256 = HMAC(key: key)
    }

    public init(_ key: [UInt8]) {
        self = key.withUnsafeBytes { STUNIntegrityKey($0) }
    }
}

/// Which MESSAGE-INTEGRITY flavour protected a message.
///
/// Invariant: `.hmacSHA1` is the 20-byte MESSAGE-INTEGRITY, `.hmacSHA256` the 16–32-byte
/// MESSAGE-INTEGRITY-SHA256.
public enum STUNIntegrityAlgorithm: Sendable, CustomStringConvertible {
    case hmacSHA1
    case hmacSHA256

    public var description: String {
        switch self {
        case .hmacSHA1: "MESSAGE-INTEGRITY (HMAC-SHA1)"
        case .hmacSHA256: "MESSAGE-INTEGRITY-SHA256"
        }
    }
}

/// The outcome of checking a message's integrity.
///
/// Invariant: only `.valid` means the message is authentic; every other case must be
/// treated as unauthenticated (RFC 8489 §9.1.3 answers 400 or 401, or drops responses).
public enum STUNIntegrityResult: Equatable, Sendable, CustomStringConvertible {
    /// The HMAC matches: the sender knows the key.
    case valid(STUNIntegrityAlgorithm)
    /// The HMAC does not match (wrong key or altered message).
    case mismatch(STUNIntegrityAlgorithm)
    /// The integrity attribute has a length the RFC forbids.
    case malformed(STUNIntegrityAlgorithm)
    /// No integrity attribute counts in this message.
    case absent

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .valid(let algorithm): "\(algorithm) valid"
        case .mismatch(let algorithm): "\(algorithm) does not match"
        case .malformed(let algorithm): "\(algorithm) has an invalid length"
        case .absent: "no MESSAGE-INTEGRITY"
        }
    }
}

/// The integrity computation shared by verification and building.
enum STUNIntegrity {
    /// RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of 4.
    static func isValidSHA256Length(_ count: Int) -> Bool {
        count >= 16 && count <= 32 && count % 4 == 0
    }

    /// Feeds `mac` the message prefix before the integrity attribute at `attributeOffset`,
    /// with the header's length field replaced by `adjustedLength` (the length the message
    /// would have if it ended right after that attribute), as §14.5 prescribes. The header
    /// copy lives on the stack, so nothing allocates.
    static func authenticate<Hash>(_ mac: inout HMAC<Hash>, message: UnsafeRawBufferPointer,
                                   attributeOffset: Int, adjustedLength: UInt16) {
        var header: (UInt64, UInt64, UInt32) = (0, 0, 0)
        withUnsafeMutableBytes(of: &header) { copy in
            copy.copyMemory(from: UnsafeRawBufferPointer(rebasing: message[0..<STUNMessage.headerByteCount]))
            copy.setU16(adjustedLength, at: 2)
            mac.update(UnsafeRawBufferPointer(copy))
        }
        mac.update(UnsafeRawBufferPointer(rebasing: message[STUNMessage.headerByteCount..<attributeOffset]))
    }

    /// Compares the leading `expected.count` bytes of `digest` with `expected` without an
    /// early exit.
    static func matches<Digest: HashDigest>(_ digest: Digest, _ expected: UnsafeRawBufferPointer) -> Bool {
        digest.withUnsafeBytes { computed in
            guard expected.count <= computed.count else { return false }
            var difference: UInt8 = 0
            for index in 0..<expected.count { difference |= computed[index] ^ expected[index] }
            return difference == 0
        }
    }
}

extension STUNMessage {
    /// Checks the integrity attribute that counts: MESSAGE-INTEGRITY-SHA256 when present
    /// (the stronger one, RFC 8489 §9.1.3), else MESSAGE-INTEGRITY. Does not allocate.
    public func verifyIntegrity(key: STUNIntegrityKey) -> STUNIntegrityResult {
        guard let attribute = integrityAttribute() else { return .absent }
        switch attribute.algorithm {
        case .hmacSHA1: return check(attribute.record, .hmacSHA1, with: key.sha1)
        case .hmacSHA256: return check(attribute.record, .hmacSHA256, with: key.sha256)
        }
    }

    /// Checks integrity with the raw key bytes, preparing only the HMAC state it needs.
    public func verifyIntegrity(key: UnsafeRawBufferPointer) -> STUNIntegrityResult {
        guard let attribute = integrityAttribute() else { return .absent }
        switch attribute.algorithm {
        case .hmacSHA1: return check(attribute.record, .hmacSHA1, with: HMAC<SHA1>(key: key))
        case .hmacSHA256: return check(attribute.record, .hmacSHA256, with: HMAC<SHA256>(key: key))
        }
    }

    /// The integrity attribute that counts, and its algorithm.
    private func integrityAttribute() -> (record: STUNAttribute, algorithm: STUNIntegrityAlgorithm)? {
        var sha1Attribute: STUNAttribute?
        for attribute in attributes {
            if attribute.type == .messageIntegritySHA256 { return (attribute, .hmacSHA256) }
            if attribute.type == .messageIntegrity { sha1Attribute = attribute }
        }
        return sha1Attribute.map { ($0, .hmacSHA1) }
    }

    private func check<Hash>(_ attribute: STUNAttribute, _ algorithm: STUNIntegrityAlgorithm,
                             with keyed: HMAC<Hash>) -> STUNIntegrityResult {
        let count = attribute.value.count
        let lengthIsValid = algorithm == .hmacSHA1 ? count == 20 : STUNIntegrity.isValidSHA256Length(count)
        guard lengthIsValid else { return .malformed(algorithm) }
        var mac = keyed
        let end = attribute.offset + 4 + ((count + 3) & ~3)
        STUNIntegrity.authenticate(&mac, message: bytes, attributeOffset: attribute.offset,
                                   adjustedLength: UInt16(truncatingIfNeeded: end - STUNMessage.headerByteCount))
        return STUNIntegrity.matches(mac.finalize(), attribute.value) ? .valid(algorithm) : .mismatch(algorithm)
    }
}
