/// Loss a publisher injects on purpose: each packet is dropped before it is sent with
/// probability `ratio`, decided by a generator seeded per stream, so a run is reproducible.
/// Dropped packets consume an RTP sequence number but no probe sequence number, so receivers
/// see them as RTP gaps (NACK material) without counting them as the server's loss.
///
/// Invariant: `ratio` is in 0...1 (the initializer clamps; NaN means 0); 0 never drops and 1
/// always drops.
public struct InjectedLoss: Sendable {
    public let ratio: Double
    private var random: MediaRandom

    public init(ratio: Double, seed: UInt64) {
        self.ratio = ratio.isNaN ? 0 : min(max(ratio, 0), 1)
        random = MediaRandom(seed: seed)
    }

    /// Whether the next packet is to be dropped.
    public mutating func dropsNext() -> Bool {
        if ratio <= 0 { return false }
        if ratio >= 1 { return true }
        return random.nextUnitInterval() < ratio
    }
}
