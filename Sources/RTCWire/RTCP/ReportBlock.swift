/// One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire.
///
/// Invariant: `cumulativeLost` is the 24-bit signed field's value, in -8388608...8388607 when
/// parsed; when written, values outside that range are clamped to it (RFC 3550 §6.4.1).
public struct ReportBlock: Equatable, Sendable {
    /// Size of a report block in bytes.
    public static let size = 24

    /// SSRC_n: the source this block reports on.
    public var ssrc: SSRC
    /// Fraction of packets lost since the previous report, as a fixed-point number with the
    /// binary point at the left edge (lost / expected * 256).
    public var fractionLost: UInt8
    /// Cumulative number of packets lost (expected minus received; negative with duplicates).
    public var cumulativeLost: Int32
    /// Extended highest sequence number received: cycle count in the high 16 bits.
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter in RTP timestamp units.
    public var jitter: UInt32
    /// LSR: the middle 32 bits of the NTP timestamp of the last SR received, 0 if none.
    public var lastSenderReport: UInt32
    /// DLSR: delay since that SR, in units of 1/65536 seconds.
    public var delaySinceLastSenderReport: UInt32

    public init(ssrc: SSRC, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequence: UInt32,
                jitter: UInt32, lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    /// Reads the block at `offset`; the caller has checked `offset + 24 <= bytes.count`.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        ssrc = SSRC(bytes.u32(offset))
        fractionLost = bytes[offset + 4]
        let lost = bytes.u24(offset + 5)
        // Sign-extend the 24-bit two's complement value.
        cumulativeLost = Int32(bitPattern: lost << 8) >> 8
        extendedHighestSequence = bytes.u32(offset + 8)
        jitter = bytes.u32(offset + 12)
        lastSenderReport = bytes.u32(offset + 16)
        delaySinceLastSenderReport = bytes.u32(offset + 20)
    }

    func write(to writer: inout RTCPWriter) {
        writer.ssrc(ssrc)
        writer.u8(fractionLost)
        let clamped = min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)
        writer.u24(UInt32(bitPattern: clamped) & 0xFF_FFFF)
        writer.u32(extendedHighestSequence)
        writer.u32(jitter)
        writer.u32(lastSenderReport)
        writer.u32(delaySinceLastSenderReport)
    }
}

/// The report blocks of an SR or RR, read in place.
///
/// Invariant: `offset + count * 24 <= bytes.count`, checked when the SR or RR was parsed; the
/// iterator re-checks each block's bounds, so it never reads past `bytes`.
public struct ReportBlocks: Sequence {
    let bytes: UnsafeRawBufferPointer
    let offset: Int
    public let count: Int

    public func makeIterator() -> Iterator { Iterator(blocks: self, index: 0) }

    /// Walks the blocks in wire order.
    public struct Iterator: IteratorProtocol {
        let blocks: ReportBlocks
        var index: Int

        public mutating func next() -> ReportBlock? {
            let start = blocks.offset + index * ReportBlock.size
            guard index < blocks.count, start + ReportBlock.size <= blocks.bytes.count else { return nil }
            index += 1
            return ReportBlock(blocks.bytes, at: start)
        }
    }

    /// Offers each block's SSRC to `mapping` and writes the answer into `packet`.
    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        for index in 0..<count {
            packet.rewrite(at: offset + index * ReportBlock.size, field: .reportBlock, using: &mapping)
        }
    }
}
