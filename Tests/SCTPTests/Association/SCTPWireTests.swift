@testable import SCTP
import TestSupport
import Testing

@Suite("CRC-32C and the packet pre-check")
struct SCTPWireTests {
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { CRC32C.checksum(of: $0) }
    }

    @Test("CRC-32C matches published check values")
    func knownValues() {
        // The CRC catalogue's check value, and RFC 3720 Appendix B.4's test patterns.
        #expect(Self.crc(Array("123456789".utf8)) == 0xE306_9283)
        #expect(Self.crc([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(Self.crc([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(Self.crc((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(Self.crc((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(Self.crc([]) == 0)
    }

    @Test("feeding the bytes in pieces, or zeros by count, gives the same CRC")
    func incremental() {
        let bytes = patternBytes(count: 1_001, seed: 3)
        let whole = Self.crc(bytes)
        for cut in [0, 1, 7, 8, 9, 500, 1_000, 1_001] {
            let state = bytes.withUnsafeBytes { all in
                CRC32C.update(CRC32C.update(CRC32C.initial, with: UnsafeRawBufferPointer(rebasing: all[..<cut])),
                              with: UnsafeRawBufferPointer(rebasing: all[cut...]))
            }
            #expect(CRC32C.finalize(state) == whole)
        }
        let zeros = CRC32C.finalize(CRC32C.update(CRC32C.initial, zeros: 13))
        #expect(zeros == Self.crc([UInt8](repeating: 0, count: 13)))
    }

    /// A packet from port 5001 to 5000: common header, one 4-byte chunk, checksum filled in.
    static func packet(chunkLength: UInt16 = 4, extra: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = [0x13, 0x89, 0x13, 0x88, 1, 2, 3, 4, 0, 0, 0, 0, 0x03, 0x00, UInt8(chunkLength >> 8), UInt8(chunkLength & 0xFF)]
        bytes += extra
        let value = crc(bytes)
        bytes.replaceSubrange(8..<12, with: [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
        return bytes
    }

    static func defect(_ bytes: [UInt8], local: UInt16 = 5000, remote: UInt16 = 5001) -> SCTPPacketDefect? {
        bytes.withUnsafeBytes { SCTPPacketCheck.defect(in: $0, localPort: local, remotePort: remote) }
    }

    @Test("the pre-check names each defect")
    func defects() {
        #expect(Self.defect(Self.packet()) == nil)
        #expect(Self.defect(Self.packet(chunkLength: 8, extra: [1, 2, 3, 4])) == nil)
        #expect(Self.defect(Array(Self.packet().prefix(15))) == .tooShort)
        #expect(Self.defect([]) == .tooShort)
        #expect(Self.defect(Self.packet(), local: 5001, remote: 5000) == .wrongPorts)
        #expect(Self.defect(Self.packet(), local: 5000, remote: 5002) == .wrongPorts)
        #expect(Self.defect(Self.packet(chunkLength: 3)) == .badChunkLength)
        #expect(Self.defect(Self.packet(chunkLength: 9, extra: [1, 2, 3, 4])) == .badChunkLength)
        var flipped = Self.packet(chunkLength: 8, extra: [1, 2, 3, 4])
        flipped[17] ^= 0x40
        #expect(Self.defect(flipped) == .badChecksum)
        var checksumFlipped = Self.packet()
        checksumFlipped[8] ^= 0x01
        #expect(Self.defect(checksumFlipped) == .badChecksum)
    }

    /// The pre-check's verdict, computed independently (bitwise CRC, plain array reads).
    static func acceptable(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16, bytes[0] == 0x13, bytes[1] == 0x89, bytes[2] == 0x13, bytes[3] == 0x88 else { return false }
        let chunkLength = Int(bytes[14]) << 8 | Int(bytes[15])
        guard chunkLength >= 4, chunkLength <= bytes.count - 12 else { return false }
        var zeroed = bytes
        zeroed.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in zeroed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        crc = ~crc
        return bytes[8..<12].elementsEqual([UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)])
    }

    @Test("the pre-check never traps on random or mutated input, and agrees with an independent check")
    func preCheckFuzz() {
        var disagreements = 0
        forEachMutatedPacket(count: 20_000, seed: 0xC3C, seeds: [Self.packet(chunkLength: 8, extra: [9, 9, 9, 9])]) { bytes in
            let passed = SCTPPacketCheck.defect(in: UnsafeRawBufferPointer(bytes), localPort: 5000, remotePort: 5001) == nil
            if passed != Self.acceptable(Array(bytes)) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
}
