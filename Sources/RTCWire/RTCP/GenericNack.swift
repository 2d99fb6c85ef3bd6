/// A generic NACK (RFC 4585 §6.2.1, RTPFB FMT 1): the media source's lost packets as FCI
/// entries, each a packet ID (PID) and a bitmask of the 16 following losses (BLP). Read in place.
///
/// Invariant: the packet holds the 12-byte feedback header and at least one 4-byte entry;
/// trailing bytes shorter than an entry are ignored. Valid while the buffer is.
public struct GenericNack {
    public let raw: RTCPRawPacket

    /// Checks that the feedback header and at least one entry fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<GenericNack, RTCPParseError> {
        if let error = raw.require(FeedbackLayout.fciOffset + GenericNackEntry.size) { return .failure(error) }
        return .success(GenericNack(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: FeedbackLayout.senderOffset) }
    public var mediaSSRC: SSRC { raw.ssrc(at: FeedbackLayout.mediaSourceOffset) }
    public var entries: GenericNackEntries {
        GenericNackEntries(bytes: raw.bytes,
                           count: (raw.bytes.count - FeedbackLayout.fciOffset) / GenericNackEntry.size)
    }
    /// Every sequence number reported lost, entry by entry: each PID, then the set BLP bits.
    public var lostSequenceNumbers: GenericNackLostSequenceNumbers { GenericNackLostSequenceNumbers(entries: entries) }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: FeedbackLayout.senderOffset, field: .sender, using: &mapping)
        packet.rewrite(at: FeedbackLayout.mediaSourceOffset, field: .mediaSource, using: &mapping)
    }

    /// Writes a generic NACK reporting `lost` into `buffer`; returns the bytes written, or nil
    /// when it does not fit or `lost` is empty. Numbers are packed in the given order, each into
    /// the current entry when it is 1...16 after its PID, otherwise into a new entry, so
    /// ascending input gives the fewest entries.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC, mediaSSRC: SSRC,
                             lost: [SequenceNumber]) -> Int? {
        guard !lost.isEmpty else { return nil }
        var entryCount = 0
        var counting = GenericNackPacker(lost: lost)
        while counting.next() != nil { entryCount += 1 }
        let size = FeedbackLayout.fciOffset + entryCount * GenericNackEntry.size
        guard size <= RTCPWriter.maximumPacketSize else { return nil }
        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.genericNackFormat, type: .transportFeedback,
                              packetSize: size, senderSSRC: senderSSRC, mediaSSRC: mediaSSRC)
        var packer = GenericNackPacker(lost: lost)
        while let entry = packer.next() {
            writer.u16(entry.packetID.rawValue)
            writer.u16(entry.lostBitmask)
        }
        return writer.finish(expectedSize: size)
    }
}

/// One generic NACK FCI entry: `packetID` was lost, and so was `packetID + i + 1` for every set
/// bit `i` (least significant first) of `lostBitmask`.
///
/// Invariant: any 16-bit values are valid.
public struct GenericNackEntry: Equatable, Sendable {
    static let size = 4

    public var packetID: SequenceNumber
    public var lostBitmask: UInt16

    public init(packetID: SequenceNumber, lostBitmask: UInt16) {
        self.packetID = packetID
        self.lostBitmask = lostBitmask
    }
}

/// The FCI entries of a generic NACK in wire order, read in place.
///
/// Invariant: `12 + 4 * count <= bytes.count`, checked by construction from the packet size;
/// the iterator re-checks each entry's bounds.
public struct GenericNackEntries: Sequence {
    let bytes: UnsafeRawBufferPointer
    public let count: Int

    public func makeIterator() -> Iterator { Iterator(entries: self, index: 0) }

    func entry(at index: Int) -> GenericNackEntry? {
        let start = FeedbackLayout.fciOffset + index * GenericNackEntry.size
        guard index >= 0, index < count, start + GenericNackEntry.size <= bytes.count else { return nil }
        return GenericNackEntry(packetID: SequenceNumber(bytes.u16(start)), lostBitmask: bytes.u16(start + 2))
    }

    /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
    public struct Iterator: IteratorProtocol {
        let entries: GenericNackEntries
        var index: Int

        public mutating func next() -> GenericNackEntry? {
            guard let entry = entries.entry(at: index) else { return nil }
            index += 1
            return entry
        }
    }
}

/// Every sequence number a generic NACK reports lost, expanded from its entries without
/// allocating: for each entry its PID, then PID + i + 1 for each set BLP bit i.
///
/// Invariant: yields at most 17 numbers per entry, in entry order and ascending within an entry.
public struct GenericNackLostSequenceNumbers: Sequence {
    let entries: GenericNackEntries

    public func makeIterator() -> Iterator { Iterator(entries: entries) }

    /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
    public struct Iterator: IteratorProtocol {
        let entries: GenericNackEntries
        var entryIndex = 0
        /// Next bitmask bit to test; -1 means the entry's PID itself is next.
        var bit = -1

        init(entries: GenericNackEntries) { self.entries = entries }

        public mutating func next() -> SequenceNumber? {
            while let entry = entries.entry(at: entryIndex) {
                if bit < 0 {
                    bit = 0
                    return entry.packetID
                }
                while bit < 16 {
                    let tested = bit
                    bit += 1
                    if entry.lostBitmask & (1 << tested) != 0 { return entry.packetID.advanced(by: tested + 1) }
                }
                entryIndex += 1
                bit = -1
            }
            return nil
        }
    }
}

/// Packs lost sequence numbers into generic NACK entries, in the given order.
///
/// Invariant: every number of `lost` is covered by exactly the entry it was packed into.
struct GenericNackPacker: IteratorProtocol {
    let lost: [SequenceNumber]
    var index = 0

    init(lost: [SequenceNumber]) { self.lost = lost }

    mutating func next() -> GenericNackEntry? {
        guard index < lost.count else { return nil }
        var entry = GenericNackEntry(packetID: lost[index], lostBitmask: 0)
        index += 1
        while index < lost.count {
            let distance = entry.packetID.distance(to: lost[index])
            guard (0...16).contains(distance) else { break }
            if distance > 0 { entry.lostBitmask |= 1 << (distance - 1) }
            index += 1
        }
        return entry
    }
}
