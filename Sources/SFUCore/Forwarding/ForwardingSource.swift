import RTCWire

/// The input stream an `RTPStreamRewriter` currently forwards (one publisher SSRC since its
/// anchor packet), and how its sequence numbers and timestamps map to the output's.
///
/// Sequence numbers are handled as 64-bit "extended" values (input: counted from the anchor
/// packet's 16-bit value; output: the rewriter's own count), so wrap-around at 65535 is
/// invisible. A new input packet maps to `input + sequenceOffset`. A packet skipped on purpose
/// (padding only) lowers the offset by one, so the output has no hole where it was; an older
/// packet therefore maps with the offset of its time, `sequenceOffset` plus the number of
/// packets skipped after it, read from the `skipped` bitmap.
///
/// Invariants: `anchor <= highest`; `highest` was forwarded or skipped; bit `i` of `forwarded`
/// (of `skipped`) is set iff input `highest - i` was forwarded (skipped), and no bit is set for
/// an input below `anchor`; the two bitmaps never share a bit. Timestamps map by one constant
/// offset for the source's whole life. Allocates nothing.
struct ForwardingSource: Sendable {
    /// Packets this far behind the newest, or further, are dropped (64: the bitmaps' width).
    static let reorderWindow = 64
    /// A packet more than this many sequence numbers ahead of or behind the newest is taken for
    /// a restarted stream rather than loss or reordering (RFC 3550 Appendix A.1's MAX_DROPOUT).
    static let maximumJump = 3000

    let ssrc: SSRC
    /// Extended input sequence number of the first forwarded packet.
    let anchor: Int64
    /// Newest extended input sequence number forwarded or skipped.
    private(set) var highest: Int64
    /// Output extended sequence number minus input, for inputs after `highest`.
    private(set) var sequenceOffset: Int64
    /// Output timestamp minus input timestamp (wrapping).
    let timestampOffset: UInt32
    private(set) var forwarded: UInt64 = 1
    private(set) var skipped: UInt64 = 0

    /// A source whose first forwarded packet has `sequence` and `timestamp`, and becomes output
    /// number `outputSequence` with `outputTimestamp`.
    init(ssrc: SSRC, sequence: SequenceNumber, timestamp: UInt32, outputSequence: Int64, outputTimestamp: UInt32) {
        self.ssrc = ssrc
        anchor = Int64(sequence.rawValue)
        highest = anchor
        sequenceOffset = outputSequence - anchor
        timestampOffset = outputTimestamp &- timestamp
    }

    /// Where an input sequence number stands relative to what this source has seen.
    enum Placement: Equatable {
        /// Newer than `highest`, at this extended input number.
        case ahead(Int64)
        /// Older than `highest` by `distance` (1 ..< reorderWindow), neither forwarded nor
        /// skipped yet, at or after the anchor.
        case behind(Int64, distance: Int)
        /// Already forwarded or skipped, before the anchor, or too far behind.
        case duplicateOrOld
        /// Too far from `highest` to belong to this run of the stream.
        case jump
    }

    func place(_ sequence: SequenceNumber) -> Placement {
        let newest = SequenceNumber(UInt16(truncatingIfNeeded: highest))
        let distance = newest.distance(to: sequence)
        if distance > Self.maximumJump || distance < -Self.maximumJump { return .jump }
        let input = highest + Int64(distance)
        if distance > 0 { return .ahead(input) }
        let behind = -distance
        guard input >= anchor, behind < Self.reorderWindow,
              (forwarded | skipped) & (1 << UInt64(behind)) == 0 else { return .duplicateOrOld }
        return .behind(input, distance: behind)
    }

    /// Records the forwarding of new input `input` (after `highest`); returns its output number.
    mutating func forwardAhead(_ input: Int64) -> Int64 {
        advance(to: input)
        forwarded |= 1
        return input + sequenceOffset
    }

    /// Records the skipping of new input `input` (after `highest`): later inputs move down one.
    mutating func skipAhead(_ input: Int64) {
        advance(to: input)
        skipped |= 1
        sequenceOffset -= 1
    }

    /// Records the forwarding of an input `distance` behind `highest`; returns its output number.
    mutating func forwardBehind(_ input: Int64, distance: Int) -> Int64 {
        let bit: UInt64 = 1 << UInt64(distance)
        forwarded |= bit
        return input + sequenceOffset + Int64((skipped & (bit - 1)).nonzeroBitCount)
    }

    private mutating func advance(to input: Int64) {
        let shift = input - highest
        if shift >= Int64(Self.reorderWindow) {
            forwarded = 0
            skipped = 0
        } else {
            forwarded <<= UInt64(shift)
            skipped <<= UInt64(shift)
        }
        highest = input
    }
}
