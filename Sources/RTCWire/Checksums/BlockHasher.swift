// Merkle–Damgård buffering and padding shared by SHA-1 and SHA-256 (FIPS 180-4 §5.1.1).

/// A compression function over 64-byte blocks, holding the chaining value.
protocol BlockCompressor: Sendable {
    /// The initial chaining value.
    init()
    /// Mixes one 64-byte block at `block` (any alignment) into the chaining value.
    mutating func compress(_ block: UnsafeRawPointer)
}

/// Splits input into 64-byte blocks for `Compressor`, buffering a partial block inline.
///
/// Invariants: `pendingCount < 64` between calls; `totalByteCount` is the number of message
/// bytes absorbed (modulo 2^64), which the padding encodes as a big-endian bit count.
struct BlockHasher<Compressor: BlockCompressor>: Sendable {
    static var blockByteCount: Int { 64 }

    private(set) var compressor = Compressor()
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var totalByteCount: UInt64 = 0

    init() {}

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalByteCount &+= UInt64(remaining)
        if pendingCount > 0 {
            let start = pendingCount
            let take = min(64 - start, remaining)
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + start).copyMemory(from: input, byteCount: take)
            }
            pendingCount = start + take
            input += take
            remaining -= take
            guard pendingCount == 64 else { return }
            compressPending()
        }
        while remaining >= 64 {
            compressor.compress(input)
            input += 64
            remaining -= 64
        }
        if remaining > 0 {
            let count = remaining
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: input, byteCount: count)
            }
            pendingCount = count
        }
    }

    /// Appends the padding (0x80, zeros, 64-bit big-endian bit length) so that the message
    /// ends on a block boundary, leaving the final chaining value in `compressor`.
    mutating func pad() {
        let bitLength = totalByteCount &* 8
        let padLength = pendingCount < 56 ? 56 - pendingCount : 120 - pendingCount
        var padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &padding) { bytes in
            bytes[0] = 0x80
            bytes.storeBytes(of: bitLength.bigEndian, toByteOffset: padLength, as: UInt64.self)
            update(UnsafeRawBufferPointer(rebasing: bytes[0..<(padLength + 8)]))
        }
    }

    private mutating func compressPending() {
        var block = pending
        withUnsafeBytes(of: &block) { compressor.compress($0.baseAddress!) }
        pendingCount = 0
    }
}
