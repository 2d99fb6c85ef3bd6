// HMAC (RFC 2104) over the incremental hashes: HMAC-SHA1 for STUN MESSAGE-INTEGRITY,
// HMAC-SHA256 for MESSAGE-INTEGRITY-SHA256.

/// A keyed message authentication code computed incrementally.
///
/// Invariants: after `init(key:)` the inner state has absorbed `K ^ ipad` and the outer state
/// `K ^ opad`, where `K` is the key (hashed first when longer than a block) zero-padded to the
/// block size. A keyed value can be copied and reused for many messages, so per-message work
/// never hashes the key again. Nothing allocates.
public struct HMAC<Hash: IncrementalHash>: Sendable {
    private var inner: Hash
    private var outer: Hash

    /// Prepares the inner and outer states for `key` (any length).
    public init(key: UnsafeRawBufferPointer) {
        var inner = Hash()
        var outer = Hash()
        let blockByteCount = Hash.blockByteCount
        withUnsafeTemporaryAllocation(byteCount: blockByteCount, alignment: 8) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockByteCount {
                Hash.hash(key).withUnsafeBytes { digest in
                    block.baseAddress!.copyMemory(from: digest.baseAddress!, byteCount: digest.count)
                }
            } else if let keyBytes = key.baseAddress, key.count > 0 {
                block.baseAddress!.copyMemory(from: keyBytes, byteCount: key.count)
            }
            for index in 0..<blockByteCount { block[index] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(block))
            for index in 0..<blockByteCount { block[index] ^= 0x36 ^ 0x5C }
            outer.update(UnsafeRawBufferPointer(block))
        }
        self.inner = inner
        self.outer = outer
    }

    /// Absorbs message bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// The authentication code of everything absorbed since `init(key:)`.
    public consuming func finalize() -> Hash.Digest {
        let innerDigest = inner.finalize()
        innerDigest.withUnsafeBytes { outer.update($0) }
        return outer.finalize()
    }

    /// The authentication code of `message` under `key` in one call.
    public static func authenticationCode(for message: UnsafeRawBufferPointer,
                                          key: UnsafeRawBufferPointer) -> Hash.Digest {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
