/// A source description, SDES (RFC 3550 §6.5): `header.count` chunks, each an SSRC/CSRC followed
/// by items (type, length, text) ended by a null octet and padded to a 32-bit boundary.
/// Read in place.
///
/// Invariant: parsing walked every announced chunk and found its SSRC, each item's length inside
/// the packet and a null terminator; bytes after the last chunk are ignored. Valid while the
/// buffer is.
public struct SourceDescription {
    public let raw: RTCPRawPacket

    /// Walks every announced chunk once to check that it is complete.
    static func parse(_ raw: RTCPRawPacket) -> Result<SourceDescription, RTCPParseError> {
        var offset = RTCPHeader.size
        for _ in 0..<raw.header.count {
            guard offset + 4 <= raw.bytes.count, let end = terminatorOffset(raw.bytes, itemsStart: offset + 4) else {
                return .failure(.truncatedBody(packetType: raw.header.packetType.rawValue,
                                               needed: max(offset + 5, raw.bytes.count + 1),
                                               available: raw.bytes.count))
            }
            offset = nextChunkOffset(afterTerminator: end)
        }
        return .success(SourceDescription(raw: raw))
    }

    public var chunks: SourceDescriptionChunks { SourceDescriptionChunks(bytes: raw.bytes, count: Int(raw.header.count)) }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        var chunks = self.chunks.makeIterator()
        while let chunk = chunks.next() {
            packet.rewrite(at: chunk.offset, field: .sourceDescription, using: &mapping)
        }
    }

    /// Offset of the null item type that ends the item list starting at `itemsStart`, or nil
    /// when an item or the terminator lies beyond `bytes`.
    static func terminatorOffset(_ bytes: UnsafeRawBufferPointer, itemsStart: Int) -> Int? {
        var offset = itemsStart
        while offset < bytes.count {
            if bytes[offset] == 0 { return offset }
            guard offset + 2 <= bytes.count else { return nil }
            offset += 2 + Int(bytes[offset + 1])
        }
        return nil
    }

    /// Chunks start on 32-bit boundaries: the one after a terminator at `offset` starts at the
    /// next multiple of 4.
    static func nextChunkOffset(afterTerminator offset: Int) -> Int { (offset + 4) & ~3 }

    /// Writes an SDES packet with one chunk holding one CNAME item; returns the bytes written, or
    /// nil when it does not fit or `cname` is longer than 255 bytes.
    public static func writeCNAME(into buffer: UnsafeMutableRawBufferPointer, ssrc: SSRC,
                                  cname: some Collection<UInt8>) -> Int? {
        let length = cname.count
        guard length <= 255 else { return nil }
        // Header, SSRC, item type and length, text, then at least one null octet to a word boundary.
        let size = (RTCPHeader.size + 4 + 2 + length + 1 + 3) & ~3
        var writer = RTCPWriter(buffer)
        writer.header(count: 1, type: .sourceDescription, packetSize: size)
        writer.ssrc(ssrc)
        writer.u8(SourceDescriptionItemType.cname.rawValue)
        writer.u8(UInt8(length))
        writer.bytes(cname)
        writer.u8(0)
        writer.zeroPadToWord()
        return writer.finish(expectedSize: size)
    }
}

/// The type octet of an SDES item (RFC 3550 §6.5, §12.2).
///
/// Invariant: never 0 in a parsed item (0 ends an item list); other values are passed through.
public struct SourceDescriptionItemType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let cname = SourceDescriptionItemType(rawValue: 1)
    public static let name = SourceDescriptionItemType(rawValue: 2)
    public static let email = SourceDescriptionItemType(rawValue: 3)
    public static let phone = SourceDescriptionItemType(rawValue: 4)
    public static let location = SourceDescriptionItemType(rawValue: 5)
    public static let tool = SourceDescriptionItemType(rawValue: 6)
    public static let note = SourceDescriptionItemType(rawValue: 7)
    public static let priv = SourceDescriptionItemType(rawValue: 8)
}

/// One SDES chunk: the source it describes and its items.
///
/// Invariant: `offset` is where the chunk's SSRC starts in the packet; `items` lie after it.
public struct SourceDescriptionChunk {
    public let ssrc: SSRC
    /// Offset of the chunk (its SSRC) from the start of the packet.
    public let offset: Int
    public let items: SourceDescriptionItems
}

/// The chunks of an SDES packet in wire order, read in place.
///
/// Invariant: the iterator stops at `count` chunks or at the first incomplete one, so it never
/// reads past `bytes`.
public struct SourceDescriptionChunks: Sequence {
    let bytes: UnsafeRawBufferPointer
    public let count: Int

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, remaining: count, offset: RTCPHeader.size) }

    /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var remaining: Int
        var offset: Int

        public mutating func next() -> SourceDescriptionChunk? {
            guard remaining > 0, offset + 4 <= bytes.count,
                  let end = SourceDescription.terminatorOffset(bytes, itemsStart: offset + 4)
            else { return nil }
            let chunk = SourceDescriptionChunk(
                ssrc: SSRC(bytes.u32(offset)), offset: offset,
                items: SourceDescriptionItems(bytes: bytes, start: offset + 4))
            remaining -= 1
            offset = SourceDescription.nextChunkOffset(afterTerminator: end)
            return chunk
        }
    }
}

/// One SDES item: its type and its text as the packet's own bytes (RFC 3550 says UTF-8, but
/// nothing here checks that).
///
/// Invariant: `value` lies inside the packet and holds at most 255 bytes.
public struct SourceDescriptionItem {
    public let type: SourceDescriptionItemType
    /// Offsets of the text from the start of the packet.
    public let valueRange: Range<Int>
    public let value: UnsafeRawBufferPointer
}

/// The items of one SDES chunk in wire order, up to the null terminator, read in place.
///
/// Invariant: the iterator stops at the terminator or at the first item that would run past
/// `bytes`, so it never reads beyond them.
public struct SourceDescriptionItems: Sequence {
    let bytes: UnsafeRawBufferPointer
    let start: Int

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, offset: start) }

    /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        public mutating func next() -> SourceDescriptionItem? {
            guard offset + 2 <= bytes.count, bytes[offset] != 0 else { return nil }
            let valueStart = offset + 2
            let valueEnd = valueStart + Int(bytes[offset + 1])
            guard valueEnd <= bytes.count else { return nil }
            let item = SourceDescriptionItem(
                type: SourceDescriptionItemType(rawValue: bytes[offset]), valueRange: valueStart..<valueEnd,
                value: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]))
            offset = valueEnd
            return item
        }
    }
}
