/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of every SCTP packet
/// (RFC 9260 §6.8, Appendix A), computed eight bytes at a time with eight 256-entry tables
/// ("slicing by 8") over borrowed bytes: no allocation per call.
///
/// Invariant: `checksum(of:)` equals the standard CRC-32C (initial value and final XOR
/// 0xFFFFFFFF; "123456789" gives 0xE3069283).
enum CRC32C {
    static let polynomial: UInt32 = 0x82F6_3B78

    /// `tables[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The state before any byte (pass it to the first `update`).
    static let initial: UInt32 = 0xFFFF_FFFF

    /// The CRC-32C of `bytes`.
    static func checksum(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        finalize(update(initial, with: bytes))
    }

    /// The value to report once every byte went through `update`.
    @inline(__always)
    static func finalize(_ state: UInt32) -> UInt32 { ~state }

    /// Feeds `bytes` into a running state.
    static func update(_ state: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = state
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let low = crc ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
                crc = table[7 * 256 + Int(low & 0xFF)]
                    ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(bytes[index + 4])]
                    ^ table[2 * 256 + Int(bytes[index + 5])]
                    ^ table[1 * 256 + Int(bytes[index + 6])]
                    ^ table[Int(bytes[index + 7])]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
            return crc
        }
    }

    /// Feeds `count` zero bytes into a running state.
    static func update(_ state: UInt32, zeros count: Int) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = state
            for _ in 0..<count { crc = (crc >> 8) ^ table[Int(crc & 0xFF)] }
            return crc
        }
    }
}
