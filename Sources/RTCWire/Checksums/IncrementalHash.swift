// The shape shared by the pure-Swift hash functions (SHA-1, SHA-256) that HMAC builds on.

/// A fixed-size message digest, stored inline (no heap storage).
///
/// Invariant: exactly `byteCount` bytes, in the order the hash standard outputs them;
/// `description` is their lowercase hexadecimal spelling.
public protocol HashDigest: Hashable, Sendable, CustomStringConvertible {
    /// The digest length in bytes.
    static var byteCount: Int { get }
    /// Calls `body` with the digest bytes; the pointer is valid only during the call.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
}

/// A hash function computed incrementally over raw buffers with a fixed-size state.
///
/// Invariant: feeding the same bytes in any split across `update` calls gives the same
/// digest; no call allocates.
public protocol IncrementalHash: Sendable {
    associatedtype Digest: HashDigest
    /// The compression function's block size in bytes (HMAC pads keys to it).
    static var blockByteCount: Int { get }
    /// A state that has absorbed no input.
    init()
    /// Absorbs `bytes`.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// Pads the message and returns its digest.
    consuming func finalize() -> Digest
}

extension IncrementalHash {
    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var state = Self()
        state.update(bytes)
        return state.finalize()
    }
}

extension HashDigest {
    public var description: String {
        withUnsafeBytes { bytes in
            let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7",
                                       "8", "9", "a", "b", "c", "d", "e", "f"]
            var text = ""
            text.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
            return text
        }
    }
}
