// SHA-256 (FIPS 180-4 §6.2), as STUN's MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256) requires.

/// The SHA-256 hash, computed incrementally with a fixed-size inline state.
///
/// Invariants: at most one partial block is buffered; `update` and `finalize` never allocate.
public struct SHA256: IncrementalHash {
    public static var blockByteCount: Int { 64 }

    private var hasher = BlockHasher<SHA256Compressor>()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
    }

    public consuming func finalize() -> Digest {
        hasher.pad()
        return Digest(hasher.compressor)
    }

    /// A 32-byte SHA-256 digest.
    ///
    /// Invariant: `storage` holds the digest bytes in output order in memory.
    public struct Digest: HashDigest {
        public static var byteCount: Int { 32 }
        private let storage: (UInt64, UInt64, UInt64, UInt64)

        init(_ state: SHA256Compressor) {
            var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &storage) { bytes in
                for index in 0..<8 {
                    bytes.storeBytes(of: state.word(index).bigEndian, toByteOffset: index &* 4, as: UInt32.self)
                }
            }
            self.storage = storage
        }

        public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
            try Swift.withUnsafeBytes(of: storage, body)
        }

        public static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.storage == rhs.storage }

        public func hash(into hasher: inout Hasher) {
            withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

/// The SHA-256 chaining value and compression function.
///
/// Invariant: `h` starts at the FIPS 180-4 §5.3.3 initial value.
struct SHA256Compressor: BlockCompressor {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19)

    /// The round constants of FIPS 180-4 §4.2.2.
    private static let roundConstants: [UInt32] = [
        0x428A_2F98, 0x7137_4491, 0xB5C0_FBCF, 0xE9B5_DBA5, 0x3956_C25B, 0x59F1_11F1, 0x923F_82A4, 0xAB1C_5ED5,
        0xD807_AA98, 0x1283_5B01, 0x2431_85BE, 0x550C_7DC3, 0x72BE_5D74, 0x80DE_B1FE, 0x9BDC_06A7, 0xC19B_F174,
        0xE49B_69C1, 0xEFBE_4786, 0x0FC1_9DC6, 0x240C_A1CC, 0x2DE9_2C6F, 0x4A74_84AA, 0x5CB0_A9DC, 0x76F9_88DA,
        0x983E_5152, 0xA831_C66D, 0xB003_27C8, 0xBF59_7FC7, 0xC6E0_0BF3, 0xD5A7_9147, 0x06CA_6351, 0x1429_2967,
        0x27B7_0A85, 0x2E1B_2138, 0x4D2C_6DFC, 0x5338_0D13, 0x650A_7354, 0x766A_0ABB, 0x81C2_C92E, 0x9272_2C85,
        0xA2BF_E8A1, 0xA81A_664B, 0xC24B_8B70, 0xC76C_51A3, 0xD192_E819, 0xD699_0624, 0xF40E_3585, 0x106A_A070,
        0x19A4_C116, 0x1E37_6C08, 0x2748_774C, 0x34B0_BCB5, 0x391C_0CB3, 0x4ED8_AA4A, 0x5B9C_CA4F, 0x682E_6FF3,
        0x748F_82EE, 0x78A5_636F, 0x84C8_7814, 0x8CC7_0208, 0x90BE_FFFA, 0xA450_6CEB, 0xBEF9_A3F7, 0xC671_78F2,
    ]

    init() {}

    /// The chaining word `index` (0..<8).
    func word(_ index: Int) -> UInt32 {
        withUnsafeBytes(of: h) { $0.load(fromByteOffset: index &* 4, as: UInt32.self) }
    }

    mutating func compress(_ block: UnsafeRawPointer) {
        var (a, b, c, d, e, f, g, hh) = h
        Self.roundConstants.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let k = constants.baseAddress!
                let w = schedule.baseAddress!
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let x = w[t &- 15], y = w[t &- 2]
                    let s0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
                    let s1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
                    w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                }
                for t in 0..<64 {
                    let sigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choose = (e & f) ^ (~e & g)
                    let t1 = hh &+ sigma1 &+ choose &+ k[t] &+ w[t]
                    let sigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = sigma0 &+ majority
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }
}
