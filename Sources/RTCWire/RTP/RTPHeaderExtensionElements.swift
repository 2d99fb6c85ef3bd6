/// One RFC 8285 header extension element found in a packet.
///
/// Invariant: `headerOffset < dataRange.lowerBound`, and both lie inside the packet's extension
/// block; `data` is the packet's own memory for `dataRange` (no copy), valid as long as the packet
/// buffer is. `id` is never 0 (padding) and, in the one-byte form, never 15.
public struct RTPHeaderExtensionElement {
    /// The local identifier negotiated by `a=extmap`.
    public let id: UInt8
    /// Offset, from the start of the packet, of the element's first header byte (the ID).
    public let headerOffset: Int
    /// Offsets, from the start of the packet, of the element's data.
    public let dataRange: Range<Int>
    /// The element's data, borrowed from the packet.
    public let data: UnsafeRawBufferPointer
}

/// The elements of a packet's RFC 8285 header extension block, in wire order, read in place.
///
/// Padding bytes (ID 0) are skipped; in the one-byte form an ID of 15 ends the walk (RFC 8285
/// §4.2). The walk also ends at an element that would run past the block, which `RTPPacketView`
/// rejects at parse time, so a parsed packet never has one unless its bytes were changed since.
/// Invariant: `range` lies inside `bytes`; for `.other` forms and packets without an extension
/// the range is empty. Iteration allocates nothing.
public struct RTPHeaderExtensionElements: Sequence {
    let bytes: UnsafeRawBufferPointer
    let range: Range<Int>
    let isOneByte: Bool

    /// Elements of the block at `range` (the bytes after its 4-byte header) in `form`; a nil or
    /// `.other` form has none.
    init(bytes: UnsafeRawBufferPointer, range: Range<Int>, form: RTPHeaderExtensionForm?) {
        self.bytes = bytes
        switch form {
        case .oneByte:
            self.range = range
            isOneByte = true
        case .twoByte:
            self.range = range
            isOneByte = false
        case .other, nil:
            self.range = range.lowerBound..<range.lowerBound
            isOneByte = false
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(bytes: bytes, position: range.lowerBound, end: range.upperBound, isOneByte: isOneByte)
    }

    /// Walks the elements; see `RTPHeaderExtensionElements` for the rules.
    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        let end: Int
        let isOneByte: Bool

        /// What one step of the walk found.
        enum Step {
            case element(RTPHeaderExtensionElement)
            case end
            case malformed(offset: Int)
        }

        public mutating func next() -> RTPHeaderExtensionElement? {
            if case .element(let element) = step() { return element }
            return nil
        }

        /// Advances past padding to the next element; the walk stays at its end once it has
        /// reported `.end` or `.malformed`.
        mutating func step() -> Step {
            while position < end {
                let start = position
                let first = bytes[start]
                let isPadding = isOneByte ? first >> 4 == 0 : first == 0
                if isPadding {
                    position = start + 1
                    continue
                }
                let id: UInt8
                let dataStart: Int
                let dataLength: Int
                if isOneByte {
                    id = first >> 4
                    guard id != 15 else {
                        position = end
                        return .end
                    }
                    dataStart = start + 1
                    dataLength = Int(first & 0x0F) + 1
                } else {
                    guard start + 2 <= end else {
                        position = end
                        return .malformed(offset: start)
                    }
                    id = first
                    dataStart = start + 2
                    dataLength = Int(bytes[start + 1])
                }
                let dataEnd = dataStart + dataLength
                guard dataEnd <= end else {
                    position = end
                    return .malformed(offset: start)
                }
                position = dataEnd
                let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<dataEnd])
                return .element(RTPHeaderExtensionElement(
                    id: id, headerOffset: start, dataRange: dataStart..<dataEnd, data: data))
            }
            return .end
        }
    }
}
