// Writes a STUN message attribute by attribute into a caller-provided buffer.

/// Builds one STUN message in place. The header is written at creation; each append writes
/// an attribute with zero padding and updates the header length, so the bytes written so
/// far are always a well-formed message. MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT are
/// computed over what precedes them after the length already counts them (RFC 8489 §14.5,
/// §14.7). Nothing allocates.
///
/// Invariants: `count` bytes at the start of the buffer form a valid message; once `error`
/// is set, appends change nothing and `finish()` reports it.
public struct STUNMessageBuilder {
    private enum Stage { case open, afterIntegrity, afterIntegritySHA256, sealed }

    private let buffer: UnsafeMutableRawBufferPointer
    private let transactionID: STUNTransactionID
    /// Bytes written so far (header plus attributes).
    public private(set) var count = 0
    private var error: STUNBuildError?
    private var stage = Stage.open

    /// Starts a message of `type` with `transactionID` at the start of `buffer`.
    public init(into buffer: UnsafeMutableRawBufferPointer, type: STUNMessageType,
                transactionID: STUNTransactionID) {
        self.buffer = buffer
        self.transactionID = transactionID
        guard buffer.count >= STUNMessage.headerByteCount else {
            error = .bufferTooSmall(needed: STUNMessage.headerByteCount, capacity: buffer.count)
            return
        }
        buffer.setU16(type.wireValue, at: 0)
        buffer.setU16(0, at: 2)
        buffer.setU32(STUNMessage.magicCookie, at: 4)
        transactionID.write(into: buffer, at: 8)
        count = STUNMessage.headerByteCount
    }

    /// The message length, or the first error met.
    public func finish() -> Result<Int, STUNBuildError> {
        if let error { return .failure(error) }
        return .success(count)
    }

    /// Appends an attribute with an arbitrary value.
    public mutating func append(_ type: STUNAttributeType, value: UnsafeRawBufferPointer) {
        guard let offset = reserve(type, length: value.count) else { return }
        if let source = value.baseAddress, value.count > 0 {
            (buffer.baseAddress! + offset).copyMemory(from: source, byteCount: value.count)
        }
    }

    /// USERNAME (RFC 8489 §14.3: fewer than 509 bytes; ICE writes "peer:own" ufrags).
    public mutating func appendUsername(_ value: UnsafeRawBufferPointer) {
        guard checkLength(.username, value.count, limit: 508) else { return }
        append(.username, value: value)
    }

    /// SOFTWARE (RFC 8489 §14.14: fewer than 128 characters, at most 763 bytes).
    public mutating func appendSoftware(_ value: UnsafeRawBufferPointer) {
        guard checkLength(.software, value.count, limit: 763) else { return }
        append(.software, value: value)
    }

    /// PRIORITY (RFC 8445 §7.1.1).
    public mutating func appendPriority(_ priority: UInt32) {
        guard let offset = reserve(.priority, length: 4) else { return }
        buffer.setU32(priority, at: offset)
    }

    /// USE-CANDIDATE (RFC 8445 §7.1.2): an empty value.
    public mutating func appendUseCandidate() {
        _ = reserve(.useCandidate, length: 0)
    }

    /// ICE-CONTROLLING with the sender's tie-breaker (RFC 8445 §7.1.3).
    public mutating func appendICEControlling(tieBreaker: UInt64) {
        guard let offset = reserve(.iceControlling, length: 8) else { return }
        buffer.setU64(tieBreaker, at: offset)
    }

    /// ICE-CONTROLLED with the sender's tie-breaker (RFC 8445 §7.1.3).
    public mutating func appendICEControlled(tieBreaker: UInt64) {
        guard let offset = reserve(.iceControlled, length: 8) else { return }
        buffer.setU64(tieBreaker, at: offset)
    }

    /// XOR-MAPPED-ADDRESS, masked with the magic cookie and this message's transaction ID.
    public mutating func appendXORMappedAddress(_ address: STUNTransportAddress) {
        guard let offset = reserve(.xorMappedAddress, length: STUNAddressValue.byteCount(of: address)) else { return }
        STUNAddressValue.write(address, xorWith: transactionID, into: buffer, at: offset)
    }

    /// ERROR-CODE with `reasonPhrase`, or the code's default phrase when nil (RFC 8489
    /// §14.8: at most 763 bytes).
    public mutating func appendErrorCode(_ code: STUNErrorCode, reasonPhrase: UnsafeRawBufferPointer? = nil) {
        guard let phrase = reasonPhrase else {
            code.defaultReasonPhrase.withUTF8Buffer { appendErrorCode(code, reasonPhrase: UnsafeRawBufferPointer($0)) }
            return
        }
        guard checkLength(.errorCode, phrase.count, limit: 763),
              let offset = reserve(.errorCode, length: 4 + phrase.count)
        else { return }
        buffer.setU16(0, at: offset)
        buffer.setU8(code.errorClass, at: offset + 2)
        buffer.setU8(code.number, at: offset + 3)
        if let source = phrase.baseAddress, phrase.count > 0 {
            (buffer.baseAddress! + offset + 4).copyMemory(from: source, byteCount: phrase.count)
        }
    }

    /// MESSAGE-INTEGRITY: HMAC-SHA1 of the message so far, the length already counting it.
    public mutating func appendMessageIntegrity(key: STUNIntegrityKey) {
        let attributeOffset = count
        guard let offset = reserve(.messageIntegrity, length: 20) else { return }
        var mac = key.sha1
        writeMAC(&mac, attributeOffset: attributeOffset, valueOffset: offset)
    }

    /// MESSAGE-INTEGRITY-SHA256 (untruncated, 32 bytes): HMAC-SHA256 of the message so far.
    public mutating func appendMessageIntegritySHA256(key: STUNIntegrityKey) {
        let attributeOffset = count
        guard let offset = reserve(.messageIntegritySHA256, length: 32) else { return }
        var mac = key.sha256
        writeMAC(&mac, attributeOffset: attributeOffset, valueOffset: offset)
    }

    /// FINGERPRINT: CRC-32 of the message so far XOR 0x5354554E; must be the last attribute.
    public mutating func appendFingerprint() {
        let attributeOffset = count
        guard let offset = reserve(.fingerprint, length: 4) else { return }
        let prefix = UnsafeRawBufferPointer(rebasing: buffer[0..<attributeOffset])
        buffer.setU32(STUNFingerprint.value(of: prefix), at: offset)
    }

    private mutating func writeMAC<Hash>(_ mac: inout HMAC<Hash>, attributeOffset: Int, valueOffset: Int) {
        let message = UnsafeRawBufferPointer(buffer)
        STUNIntegrity.authenticate(&mac, message: message, attributeOffset: attributeOffset,
                                   adjustedLength: buffer.u16(2))
        let digest = mac.finalize()
        digest.withUnsafeBytes { bytes in
            (buffer.baseAddress! + valueOffset).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
    }

    private mutating func checkLength(_ type: STUNAttributeType, _ length: Int, limit: Int) -> Bool {
        guard error == nil else { return false }
        guard length <= limit else {
            error = .valueTooLong(type, byteCount: length, limit: limit)
            return false
        }
        return true
    }

    /// Writes the header of a `length`-byte attribute of `type`, zeroes its padding, updates
    /// the message length and the stage, and returns where the value goes; nil (recording
    /// the error) when the attribute is not allowed here or does not fit.
    private mutating func reserve(_ type: STUNAttributeType, length: Int) -> Int? {
        guard error == nil else { return nil }
        switch stage {
        case .sealed:
            error = .attributeAfterFingerprint(type)
            return nil
        case .afterIntegrity where type != .messageIntegritySHA256 && type != .fingerprint,
             .afterIntegritySHA256 where type != .fingerprint:
            error = .attributeAfterIntegrity(type)
            return nil
        default:
            break
        }
        guard length <= Int(UInt16.max) else {
            error = .valueTooLong(type, byteCount: length, limit: Int(UInt16.max))
            return nil
        }
        let paddedLength = (length + 3) & ~3
        let end = count + 4 + paddedLength
        guard end - STUNMessage.headerByteCount <= 0xFFFC else {
            error = .messageTooLong(byteCount: end - STUNMessage.headerByteCount)
            return nil
        }
        guard end <= buffer.count else {
            error = .bufferTooSmall(needed: end, capacity: buffer.count)
            return nil
        }
        buffer.setU16(type.rawValue, at: count)
        buffer.setU16(UInt16(truncatingIfNeeded: length), at: count + 2)
        for index in (count + 4 + length)..<end { buffer[index] = 0 }
        buffer.setU16(UInt16(truncatingIfNeeded: end - STUNMessage.headerByteCount), at: 2)
        let valueOffset = count + 4
        count = end
        if type == .fingerprint {
            stage = .sealed
        } else if type == .messageIntegritySHA256 {
            stage = .afterIntegritySHA256
        } else if type == .messageIntegrity {
            stage = .afterIntegrity
        }
        return valueOffset
    }
}
