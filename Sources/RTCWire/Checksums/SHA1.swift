// SHA-1 (FIPS 180-4 §6.1, RFC 3174), as STUN's MESSAGE-INTEGRITY (HMAC-SHA1) requires.

/// The SHA-1 hash, computed incrementally with a fixed-size inline state.
///
/// Invariants: at most one partial block is buffered; `update` and `finalize` never allocate.
/// SHA-1 is broken for collision resistance; here it only serves HMAC-SHA1, which the STUN
/// and SRTP standards still mandate.
public struct SHA1: IncrementalHash {
    public static var blockByteCount: Int { 64 }

    private var hasher = BlockHasher<SHA1Compressor>()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    public consuming func finalize() -> Digest {
        hasher.pad()
        let h = hasher.compressor
        return Digest(words: (h.h0.bigEndian, h.h1.bigEndian, h.h2.bigEndian, h.h3.bigEndian, h.h4.bigEndian))
    }

    /// A 20-byte SHA-1 digest.
    ///
    /// Invariant: `words` hold the digest bytes in output order in memory (each word is
    /// big-endian encoded), so the digest bytes are the raw bytes of `words`.
    public struct Digest: HashDigest {
        public static var byteCount: Int { 20 }
        private let words: (UInt32, UInt32, UInt32, UInt32, UInt32)

        init(words: (UInt32, UInt32, UInt32, UInt32, UInt32)) { self.words = words }

        public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
            try Swift.withUnsafeBytes(of: words, body)
        }

        public static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.words == rhs.words }

        public func hash(into hasher: inout Hasher) {
            withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

/// The SHA-1 chaining value and compression function.
///
/// Invariant: `h0...h4` start at the FIPS 180-4 §5.3.1 initial value.
struct SHA1Compressor: BlockCompressor {
    var h0: UInt32 = 0x6745_2301
    var h1: UInt32 = 0xEFCD_AB89
    var h2: UInt32 = 0x98BA_DCFE
    var h3: UInt32 = 0x1032_5476
    var h4: UInt32 = 0xC3D2_E1F0

    init() {}

    mutating func compress(_ block: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
            let w = schedule.baseAddress!
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
            }
            for t in 16..<80 {
                w[t] = (w[t &- 3] ^ w[t &- 8] ^ w[t &- 14] ^ w[t &- 16]).rotatedLeft(1)
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4
            for t in 0..<20 {
                let f = (b & c) | (~b & d)
                let temp = a.rotatedLeft(5) &+ f &+ e &+ 0x5A82_7999 &+ w[t]
                e = d; d = c; c = b.rotatedLeft(30); b = a; a = temp
            }
            for t in 20..<40 {
                let temp = a.rotatedLeft(5) &+ (b ^ c ^ d) &+ e &+ 0x6ED9_EBA1 &+ w[t]
                e = d; d = c; c = b.rotatedLeft(30); b = a; a = temp
            }
            for t in 40..<60 {
                let f = (b & c) | (b & d) | (c & d)
                let temp = a.rotatedLeft(5) &+ f &+ e &+ 0x8F1B_BCDC &+ w[t]
                e = d; d = c; c = b.rotatedLeft(30); b = a; a = temp
            }
            for t in 60..<80 {
                let temp = a.rotatedLeft(5) &+ (b ^ c ^ d) &+ e &+ 0xCA62_C1D6 &+ w[t]
                e = d; d = c; c = b.rotatedLeft(30); b = a; a = temp
            }
            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e
        }
    }
}
