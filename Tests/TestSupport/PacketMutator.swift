// Deterministic random and mutated inputs for the "no parser traps on any input" tests of every
// module (a library target shared by the test targets).

/// SplitMix64: a small, seeded, reproducible generator (tests must not depend on the clock).
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Produces byte strings for robustness tests: half fully random, half mutations of valid seeds
/// (bit flips, byte overwrites with boundary values, truncation, extension, splices).
public struct PacketMutator {
    var rng: SplitMix64
    let seeds: [[UInt8]]

    public init(seed: UInt64, seeds: [[UInt8]]) {
        rng = SplitMix64(seed: seed)
        self.seeds = seeds
    }

    public mutating func next() -> [UInt8] {
        if seeds.isEmpty || Bool.random(using: &rng) {
            let count = Int.random(in: 0...1500, using: &rng)
            return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
        for _ in 0..<Int.random(in: 1...4, using: &rng) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let interesting: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[index] = interesting.randomElement(using: &rng)!
        case 2 where !bytes.isEmpty:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
        case 3:
            bytes += (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 4 where bytes.count > 1:
            let index = Int.random(in: 0..<bytes.count - 1, using: &rng)
            bytes[index] = 0xFF
            bytes[index + 1] = 0xFF
        default:
            if let other = seeds.randomElement(using: &rng), !other.isEmpty, !bytes.isEmpty {
                let cut = Int.random(in: 0..<bytes.count, using: &rng)
                let from = Int.random(in: 0..<other.count, using: &rng)
                bytes = Array(bytes[..<cut]) + Array(other[from...])
            }
        }
    }
}

/// Runs `body` on `count` inputs from `mutator`, each in a freshly allocated buffer of exactly
/// its size (so AddressSanitizer and bounds checks catch any read past the end).
public func forEachMutatedPacket(count: Int, seed: UInt64, seeds: [[UInt8]],
                          _ body: (UnsafeMutableRawBufferPointer) -> Void) {
    var mutator = PacketMutator(seed: seed, seeds: seeds)
    for _ in 0..<count {
        var bytes = mutator.next()
        bytes.withUnsafeMutableBytes { body($0) }
    }
}
