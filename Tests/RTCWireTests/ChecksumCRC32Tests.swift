import Testing
@testable import RTCWire

/// CRC-32 (ISO-HDLC) against its published check value and zlib-computed values.
@Suite struct ChecksumCRC32Tests {
    static func crc(_ text: String) -> UInt32 {
        Array(text.utf8).withUnsafeBytes { CRC32.checksum($0) }
    }

    @Test func checkValue() {
        #expect(Self.crc("123456789") == 0xCBF4_3926)
    }

    @Test func emptyAndKnownStrings() {
        #expect(Self.crc("") == 0)
        // Python: zlib.crc32(b"The quick brown fox jumps over the lazy dog")
        #expect(Self.crc("The quick brown fox jumps over the lazy dog") == 0x414F_A339)
    }

    @Test func incrementalMatchesOneShot() {
        let bytes = Array("123456789".utf8)
        var crc = CRC32()
        bytes.withUnsafeBytes { all in
            crc.update(UnsafeRawBufferPointer(rebasing: all[0..<4]))
            crc.update(UnsafeRawBufferPointer(rebasing: all[4...]))
        }
        #expect(crc.checksum == 0xCBF4_3926)
    }
}
