/// An RTP header extension element to write: an ID and its data.
///
/// Invariant: none by itself; `RTPPacketBuilder.write` checks `id` and `data.count` against the
/// form it writes.
public struct RTPHeaderExtensionValue: Equatable, Sendable {
    public var id: UInt8
    public var data: [UInt8]

    public init(id: UInt8, data: [UInt8]) {
        self.id = id
        self.data = data
    }
}

/// Describes an RTP packet (RFC 3550 §5.1 header, optional CSRCs, RFC 8285 header extensions,
/// padding) and writes it into a caller-provided buffer.
///
/// Invariant: a value only describes a packet; `write` validates the description first and never
/// writes past the buffer or writes anything when it fails. Extension elements are written in
/// order, and the block is zero-padded to a multiple of 4 bytes. A builder kept across packets
/// (changing only sequence number and timestamp) allocates nothing per `write`.
public struct RTPPacketBuilder: Sendable {
    public var marker: Bool = false
    public var payloadType: PayloadType
    public var sequenceNumber: SequenceNumber
    public var timestamp: UInt32
    public var ssrc: SSRC
    /// At most 15.
    public var csrcs: [SSRC] = []
    /// `.oneByte` or `.twoByte`; used only when `extensions` is not empty.
    public var extensionForm: RTPHeaderExtensionForm = .oneByte
    /// Without elements the X bit stays clear.
    public var extensions: [RTPHeaderExtensionValue] = []

    public init(payloadType: PayloadType, sequenceNumber: SequenceNumber, timestamp: UInt32, ssrc: SSRC) {
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
    }

    /// Writes the header, then `payload`, then `paddingLength` bytes of padding (the last one
    /// holding the count) into the start of `buffer`, and returns the packet's length. With an
    /// empty payload and no padding the length is the header's, and the caller may write the
    /// payload after it.
    public func write(into buffer: UnsafeMutableRawBufferPointer,
                      payload: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
                      paddingLength: Int = 0) -> Result<Int, RTPBuildError> {
        guard csrcs.count <= 15 else { return .failure(.tooManyCSRCs(count: csrcs.count)) }
        guard (0...255).contains(paddingLength) else { return .failure(.invalidPaddingLength(paddingLength)) }
        let elementsLength: Int
        switch extensionElementsLength() {
        case .success(let length): elementsLength = length
        case .failure(let error): return .failure(error)
        }
        let paddedElementsLength = (elementsLength + 3) & ~3
        guard paddedElementsLength / 4 <= 0xFFFF else {
            return .failure(.extensionBlockTooLong(bytes: paddedElementsLength))
        }
        let extensionLength = extensions.isEmpty ? 0 : 4 + paddedElementsLength
        let headerLength = 12 + 4 * csrcs.count + extensionLength
        let length = headerLength + payload.count + paddingLength
        guard length <= buffer.count else {
            return .failure(.bufferTooSmall(needed: length, available: buffer.count))
        }

        buffer[0] = 0x80 | (paddingLength > 0 ? 0x20 : 0) | (extensions.isEmpty ? 0 : 0x10)
            | UInt8(csrcs.count)
        buffer[1] = (marker ? 0x80 : 0) | payloadType.rawValue
        buffer.setU16(sequenceNumber.rawValue, at: 2)
        buffer.setU32(timestamp, at: 4)
        buffer.setU32(ssrc.rawValue, at: 8)
        var offset = 12
        for csrc in csrcs {
            buffer.setU32(csrc.rawValue, at: offset)
            offset += 4
        }
        if !extensions.isEmpty {
            offset = writeExtensionBlock(into: buffer, at: offset, paddedElementsLength: paddedElementsLength)
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + payload.count)]).copyMemory(from: payload)
        offset += payload.count
        if paddingLength > 0 {
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + paddingLength - 1)])
                .initializeMemory(as: UInt8.self, repeating: 0)
            buffer[offset + paddingLength - 1] = UInt8(paddingLength)
        }
        return .success(length)
    }

    /// Bytes of all element headers and data, unpadded, after checking each against the form.
    private func extensionElementsLength() -> Result<Int, RTPBuildError> {
        guard !extensions.isEmpty else { return .success(0) }
        let isOneByte: Bool
        switch extensionForm {
        case .oneByte: isOneByte = true
        case .twoByte(let appBits) where appBits <= 15: isOneByte = false
        default: return .failure(.unsupportedExtensionForm(extensionForm))
        }
        var total = 0
        for element in extensions {
            let idRange: ClosedRange<UInt8> = isOneByte ? 1...14 : 1...255
            let lengthRange = isOneByte ? 1...16 : 0...255
            guard idRange.contains(element.id) else {
                return .failure(.invalidExtensionID(element.id, form: extensionForm))
            }
            guard lengthRange.contains(element.data.count) else {
                return .failure(.invalidExtensionLength(id: element.id, length: element.data.count,
                                                        form: extensionForm))
            }
            total += (isOneByte ? 1 : 2) + element.data.count
        }
        return .success(total)
    }

    /// Writes the extension header and elements at `offset`; returns the offset after the block.
    private func writeExtensionBlock(into buffer: UnsafeMutableRawBufferPointer, at offset: Int,
                                     paddedElementsLength: Int) -> Int {
        buffer.setU16(extensionForm.profile, at: offset)
        buffer.setU16(UInt16(paddedElementsLength / 4), at: offset + 2)
        let end = offset + 4 + paddedElementsLength
        var position = offset + 4
        for element in extensions {
            if extensionForm == .oneByte {
                buffer[position] = element.id << 4 | UInt8(element.data.count - 1)
                position += 1
            } else {
                buffer[position] = element.id
                buffer[position + 1] = UInt8(element.data.count)
                position += 2
            }
            for byte in element.data {
                buffer[position] = byte
                position += 1
            }
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[position..<end]).initializeMemory(as: UInt8.self, repeating: 0)
        return end
    }
}
