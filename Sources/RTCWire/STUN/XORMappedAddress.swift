// The MAPPED-ADDRESS and XOR-MAPPED-ADDRESS value formats (RFC 8489 §14.1, §14.2).

/// Reads and writes the shared address value layout: a zero byte, a family (1 = IPv4,
/// 2 = IPv6), a port, then 4 or 16 address bytes. The XOR form masks the port with the top
/// half of the magic cookie and the address with the cookie (IPv4) or the cookie followed by
/// the transaction ID (IPv6).
///
/// Invariant: `write` then `read` with the same transaction ID gives back the address.
enum STUNAddressValue {
    static let familyIPv4: UInt8 = 0x01
    static let familyIPv6: UInt8 = 0x02

    /// The value length for `address`: 8 for IPv4, 20 for IPv6.
    static func byteCount(of address: STUNTransportAddress) -> Int {
        switch address {
        case .ipv4: 8
        case .ipv6: 20
        }
    }

    /// Decodes `value`; `xorWith` is the message's transaction ID for XOR-MAPPED-ADDRESS and
    /// nil for MAPPED-ADDRESS. Nil for an unknown family or a length that does not match it.
    static func read(_ value: UnsafeRawBufferPointer, xorWith transactionID: STUNTransactionID?) -> STUNTransportAddress? {
        guard value.count >= 4 else { return nil }
        let cookie = STUNMessage.magicCookie
        let portMask = transactionID == nil ? 0 : UInt16(truncatingIfNeeded: cookie >> 16)
        let port = value.u16(2) ^ portMask
        switch value.u8(1) {
        case familyIPv4 where value.count == 8:
            let mask = transactionID == nil ? 0 : cookie
            return .ipv4(address: value.u32(4) ^ mask, port: port)
        case familyIPv6 where value.count == 20:
            let (highMask, lowMask) = masks(transactionID)
            return .ipv6(high: value.u64(4) ^ highMask, low: value.u64(12) ^ lowMask, port: port)
        default:
            return nil
        }
    }

    /// Encodes `address` at `offset` of `bytes`, which has room for `byteCount(of:)` bytes.
    static func write(_ address: STUNTransportAddress, xorWith transactionID: STUNTransactionID?,
                      into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        let cookie = STUNMessage.magicCookie
        let portMask = transactionID == nil ? 0 : UInt16(truncatingIfNeeded: cookie >> 16)
        bytes.setU8(0, at: offset)
        bytes.setU16(address.port ^ portMask, at: offset + 2)
        switch address {
        case .ipv4(let host, _):
            bytes.setU8(familyIPv4, at: offset + 1)
            bytes.setU32(host ^ (transactionID == nil ? 0 : cookie), at: offset + 4)
        case .ipv6(let high, let low, _):
            let (highMask, lowMask) = masks(transactionID)
            bytes.setU8(familyIPv6, at: offset + 1)
            bytes.setU64(high ^ highMask, at: offset + 4)
            bytes.setU64(low ^ lowMask, at: offset + 12)
        }
    }

    /// The IPv6 masks: magic cookie then transaction ID, as two big-endian halves.
    private static func masks(_ transactionID: STUNTransactionID?) -> (UInt64, UInt64) {
        guard let id = transactionID else { return (0, 0) }
        return (UInt64(STUNMessage.magicCookie) << 32 | UInt64(id.high), id.low)
    }
}
