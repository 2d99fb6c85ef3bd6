/// A read-only RTP packet (RFC 3550 §5.1) parsed in place over borrowed bytes.
///
/// Invariant: after `parse` succeeds, the version is 2, the CSRC list, the header extension block
/// and its RFC 8285 elements, and the padding all lie inside `bytes`, and
/// `headerLength <= payloadRange.lowerBound <= payloadRange.upperBound == bytes.count - paddingLength`.
/// The view copies nothing and is valid only while `bytes` is; it reads the fields from `bytes`
/// on each access, so in-place rewrites through `RTPPacket` show up here.
public struct RTPPacketView {
    /// The whole packet.
    public let bytes: UnsafeRawBufferPointer
    /// Offsets of the payload, after the header and before any padding.
    public let payloadRange: Range<Int>
    /// Number of padding bytes at the end, the count byte included; 0 when the P bit is clear.
    public let paddingLength: Int
    /// The extension block's form, or nil when the X bit is clear.
    public let extensionForm: RTPHeaderExtensionForm?
    /// Offsets of the extension block's elements (after its 4-byte header); empty without one.
    let extensionElementsRange: Range<Int>

    /// Parses `bytes` as an RTP packet, checking every length against the buffer.
    ///
    /// RFC 8285 extension blocks are walked once to reject elements that overrun the block, so
    /// iteration over a parsed packet sees every element the sender wrote.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<RTPPacketView, RTPParseError> {
        let length = bytes.count
        guard length >= 12 else { return .failure(.tooShort(length: length)) }
        let first = bytes[0]
        guard first >> 6 == 2 else { return .failure(.unsupportedVersion(first >> 6)) }
        let csrcCount = Int(first & 0x0F)
        var headerEnd = 12 + 4 * csrcCount
        guard headerEnd <= length else {
            return .failure(.csrcListTruncated(csrcCount: csrcCount, length: length))
        }

        var extensionForm: RTPHeaderExtensionForm? = nil
        var elementsRange = headerEnd..<headerEnd
        if first & 0x10 != 0 {
            guard headerEnd + 4 <= length else {
                return .failure(.extensionHeaderTruncated(offset: headerEnd, length: length))
            }
            let form = RTPHeaderExtensionForm(profile: bytes.u16(headerEnd))
            let elementsStart = headerEnd + 4
            let elementsEnd = elementsStart + 4 * Int(bytes.u16(headerEnd + 2))
            guard elementsEnd <= length else {
                return .failure(.extensionTruncated(declaredEnd: elementsEnd, length: length))
            }
            extensionForm = form
            elementsRange = elementsStart..<elementsEnd
            headerEnd = elementsEnd
            if let malformedOffset = firstMalformedElement(bytes, elementsRange, form) {
                return .failure(.extensionElementTruncated(offset: malformedOffset))
            }
        }

        var paddingLength = 0
        if first & 0x20 != 0 {
            let available = length - headerEnd
            let count = available > 0 ? bytes[length - 1] : 0
            guard count > 0, Int(count) <= available else {
                return .failure(.invalidPadding(count: count, available: available))
            }
            paddingLength = Int(count)
        }

        return .success(RTPPacketView(
            bytes: bytes,
            payloadRange: headerEnd..<(length - paddingLength),
            paddingLength: paddingLength,
            extensionForm: extensionForm,
            extensionElementsRange: elementsRange))
    }

    /// The offset of the first RFC 8285 element that overruns the block, or nil if none does.
    private static func firstMalformedElement(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>,
                                              _ form: RTPHeaderExtensionForm) -> Int? {
        var walk = RTPHeaderExtensionElements(bytes: bytes, range: range, form: form).makeIterator()
        while true {
            switch walk.step() {
            case .element: continue
            case .end: return nil
            case .malformed(let offset): return offset
            }
        }
    }

    /// The M bit.
    public var marker: Bool { bytes[1] & 0x80 != 0 }
    /// The 7-bit payload type.
    public var payloadType: PayloadType { PayloadType(truncating: bytes[1]) }
    public var sequenceNumber: SequenceNumber { SequenceNumber(bytes.u16(2)) }
    /// The RTP timestamp, in the clock rate of the payload format.
    public var timestamp: UInt32 { bytes.u32(4) }
    public var ssrc: SSRC { SSRC(bytes.u32(8)) }
    /// Number of entries in the CSRC list (the CC field), 0–15.
    public var csrcCount: Int { Int(bytes[0] & 0x0F) }

    /// The CSRC at `index`, or nil when `index` is outside `0..<csrcCount`.
    public func csrc(at index: Int) -> SSRC? {
        guard index >= 0, index < csrcCount else { return nil }
        return SSRC(bytes.u32(12 + 4 * index))
    }

    /// Bytes before the payload: the fixed header, CSRCs and extension block.
    public var headerLength: Int { payloadRange.lowerBound }
    /// The payload, borrowed from the packet.
    public var payload: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[payloadRange]) }

    /// The RFC 8285 elements of the extension block (none for other profiles or without one).
    public var extensions: RTPHeaderExtensionElements {
        RTPHeaderExtensionElements(bytes: bytes, range: extensionElementsRange, form: extensionForm)
    }

    /// The first extension element with `id`, or nil when the packet has none.
    public func extensionElement(id: UInt8) -> RTPHeaderExtensionElement? {
        for element in extensions where element.id == id { return element }
        return nil
    }
}
