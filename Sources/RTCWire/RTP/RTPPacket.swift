/// An RTP packet parsed in place over a mutable buffer, whose header fields and extension
/// elements can be rewritten without moving or copying the payload (what an SFU does to every
/// packet it forwards to a subscriber).
///
/// Invariant: `view` was parsed from `bytes` (see `RTPPacketView` for what that guarantees), and
/// every rewrite offered here keeps the packet's layout: lengths, offsets, the CSRC list, the
/// padding and the extension block's structure never change, so `view` stays valid and reads
/// back the new values. Rewrites write through the pointer, so setters are `nonmutating`.
public struct RTPPacket {
    /// The whole packet.
    public let bytes: UnsafeMutableRawBufferPointer
    /// Read access to every field, including those that cannot be rewritten (CSRCs, payload,
    /// padding, extension elements).
    public let view: RTPPacketView

    /// Parses `bytes` as an RTP packet; see `RTPPacketView.parse`.
    public static func parse(_ bytes: UnsafeMutableRawBufferPointer) -> Result<RTPPacket, RTPParseError> {
        switch RTPPacketView.parse(UnsafeRawBufferPointer(bytes)) {
        case .success(let view): .success(RTPPacket(bytes: bytes, view: view))
        case .failure(let error): .failure(error)
        }
    }

    /// The M bit; setting it keeps the payload type.
    public var marker: Bool {
        get { view.marker }
        nonmutating set { bytes[1] = (bytes[1] & 0x7F) | (newValue ? 0x80 : 0) }
    }

    /// The 7-bit payload type; setting it keeps the marker bit.
    public var payloadType: PayloadType {
        get { view.payloadType }
        nonmutating set { bytes[1] = (bytes[1] & 0x80) | newValue.rawValue }
    }

    public var sequenceNumber: SequenceNumber {
        get { view.sequenceNumber }
        nonmutating set { bytes.setU16(newValue.rawValue, at: 2) }
    }

    public var timestamp: UInt32 {
        get { view.timestamp }
        nonmutating set { bytes.setU32(newValue, at: 4) }
    }

    public var ssrc: SSRC {
        get { view.ssrc }
        nonmutating set { bytes.setU32(newValue.rawValue, at: 8) }
    }

    /// Overwrites the data of the first element with `id` by `data`, which must have the same
    /// length. Returns false, changing nothing, when there is no such element or the lengths differ.
    public func overwriteExtension(id: UInt8, with data: UnsafeRawBufferPointer) -> Bool {
        guard let element = view.extensionElement(id: id), element.dataRange.count == data.count else {
            return false
        }
        UnsafeMutableRawBufferPointer(rebasing: bytes[element.dataRange]).copyMemory(from: data)
        return true
    }

    /// Renames every extension element's ID by `map`, in place (RFC 8285 IDs are local to each
    /// session, so a publisher's IDs must become the subscriber's).
    ///
    /// An element whose ID `map` does not map, or maps to an ID the block's form cannot carry
    /// (above 14 in the one-byte form), is erased: its header and data bytes become zero, which
    /// RFC 8285 reads as padding. Blocks of other profiles are left alone.
    public func remapExtensionIDs(_ map: RTPExtensionIDMap) {
        let isOneByte: Bool
        switch view.extensionForm {
        case .oneByte: isOneByte = true
        case .twoByte: isOneByte = false
        case .other, nil: return
        }
        for element in view.extensions {
            let target = map.target(for: element.id)
            if let target, !isOneByte {
                bytes[element.headerOffset] = target
            } else if let target, target <= 14 {
                bytes[element.headerOffset] = target << 4 | (bytes[element.headerOffset] & 0x0F)
            } else {
                UnsafeMutableRawBufferPointer(rebasing: bytes[element.headerOffset..<element.dataRange.upperBound])
                    .initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
    }
}
