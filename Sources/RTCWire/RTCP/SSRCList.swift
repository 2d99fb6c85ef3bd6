/// Consecutive 32-bit SSRCs inside an RTCP packet (BYE's source list, REMB's feedback list),
/// read in place.
///
/// Invariant: `offset + 4 * count <= bytes.count`, checked when the packet was parsed; the
/// iterator re-checks each entry, so it never reads past `bytes`.
public struct SSRCList: Sequence {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the first SSRC from the start of the packet.
    let offset: Int
    public let count: Int

    public func makeIterator() -> Iterator { Iterator(list: self, index: 0) }

    /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
    public struct Iterator: IteratorProtocol {
        let list: SSRCList
        var index: Int

        public mutating func next() -> SSRC? {
            let start = list.offset + 4 * index
            guard index < list.count, start + 4 <= list.bytes.count else { return nil }
            index += 1
            return SSRC(list.bytes.u32(start))
        }
    }

    /// Offers each SSRC to `mapping` as `field` and writes the answer into `packet`.
    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, field: RTCPSSRCField, using mapping: inout M) {
        for index in 0..<count {
            packet.rewrite(at: offset + 4 * index, field: field, using: &mapping)
        }
    }
}
