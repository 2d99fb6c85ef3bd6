import TestSupport

/// Mutates SDP texts the ways garbled offers arrive: lines deleted, duplicated or swapped,
/// characters flipped or replaced (with separators, digits, spaces, control and non-ASCII
/// bytes), lines and the whole text truncated.
struct LineMutator {
    var rng: SplitMix64
    /// Each seed text split into lines (without line endings).
    let seeds: [[[UInt8]]]

    init(seed: UInt64, seeds: [String]) {
        rng = SplitMix64(seed: seed)
        self.seeds = seeds.map { text in
            Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                line.last == 0x0D ? Array(line.dropLast()) : Array(line)
            }
        }
    }

    mutating func next() -> String {
        var lines = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
        for _ in 0..<Int.random(in: 1...4, using: &rng) { mutate(&lines) }
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes += [0x0D, 0x0A]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func mutate(_ lines: inout [[UInt8]]) {
        guard !lines.isEmpty else { return }
        let index = Int.random(in: 0..<lines.count, using: &rng)
        let interesting: [UInt8] = Array(" :;/=,~*-0123456789".utf8) + [0x00, 0x09, 0x0D, 0x7F, 0x80, 0xC3, 0xFF]
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            lines.remove(at: index)
        case 1:
            lines.insert(lines[index], at: Int.random(in: 0...lines.count, using: &rng))
        case 2:
            lines.swapAt(index, Int.random(in: 0..<lines.count, using: &rng))
        case 3 where !lines[index].isEmpty:
            let at = Int.random(in: 0..<lines[index].count, using: &rng)
            lines[index][at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 4 where !lines[index].isEmpty:
            let at = Int.random(in: 0..<lines[index].count, using: &rng)
            lines[index][at] = interesting[Int.random(in: 0..<interesting.count, using: &rng)]
        case 5 where !lines[index].isEmpty:
            lines[index].removeLast(Int.random(in: 1...lines[index].count, using: &rng))
        case 6:
            lines.removeLast(Int.random(in: 1...lines.count, using: &rng))
        default:
            let at = Int.random(in: 0...lines[index].count, using: &rng)
            lines[index].insert(interesting[Int.random(in: 0..<interesting.count, using: &rng)], at: at)
        }
    }
}
