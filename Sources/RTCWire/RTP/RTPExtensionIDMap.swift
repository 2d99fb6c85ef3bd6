/// A mapping from one session's RTP header extension IDs to another's (RFC 8285 §5: `a=extmap`
/// IDs are negotiated per session), applied in place by `RTPPacket.remapExtensionIDs`.
///
/// Invariant: neither a source nor a target ID is ever 0 (the padding ID); a source without a
/// target is not negotiated on the other side. Lookups allocate nothing.
public struct RTPExtensionIDMap: Equatable, Sendable {
    /// `targets[source]` is the target ID, or 0 when `source` is unmapped; always 256 entries.
    private var targets: [UInt8]

    /// A map with every ID unmapped.
    public init() {
        targets = Array(repeating: 0, count: 256)
    }

    /// A map from each key to its value; nil when any key or value is 0.
    public init?(_ mapping: [UInt8: UInt8]) {
        self.init()
        for (source, target) in mapping {
            guard source != 0, target != 0 else { return nil }
            targets[Int(source)] = target
        }
    }

    /// The ID that `source` becomes, or nil when it is unmapped.
    public func target(for source: UInt8) -> UInt8? {
        let target = targets[Int(source)]
        return target == 0 ? nil : target
    }
}
