import TestSupport
import Testing
@testable import RTCWire

/// HMAC-SHA1 against RFC 2202 §3 and HMAC-SHA256 against RFC 4231 §4.
@Suite struct ChecksumHMACTests {
    static let rfc4231LongData = "This is a test using a larger than block-size key and a larger than block-size data."
        + " The key needs to be hashed before being used by the HMAC algorithm."

    /// RFC 2202 (HMAC-SHA1) test cases 1 to 7; cases 1 to 5 share their inputs with RFC 4231.
    static let rfc2202Cases = HMACTestVectors.rfc2202

    static let rfc4231Cases: [([UInt8], [UInt8], String)] = [
        ([UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xCD, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xAA, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xAA, count: 131), Array(rfc4231LongData.utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    static func mac<Hash: IncrementalHash>(_ hash: Hash.Type, key: [UInt8], data: [UInt8]) -> Hash.Digest {
        key.withUnsafeBytes { key in
            data.withUnsafeBytes { data in HMAC<Hash>.authenticationCode(for: data, key: key) }
        }
    }

    @Test func hmacSHA1MatchesRFC2202() {
        for (index, (key, data, expected)) in Self.rfc2202Cases.enumerated() {
            #expect(Self.mac(SHA1.self, key: key, data: data).description == expected, "RFC 2202 case \(index + 1)")
        }
    }

    @Test func hmacSHA256MatchesRFC4231() {
        for (index, (key, data, expected)) in Self.rfc4231Cases.enumerated() {
            let caseNumber = index < 4 ? index + 1 : index + 2
            #expect(Self.mac(SHA256.self, key: key, data: data).description == expected, "RFC 4231 case \(caseNumber)")
        }
    }

    /// RFC 4231 case 5: the output truncated to 128 bits.
    @Test func hmacSHA256TruncatedCase() {
        let key = [UInt8](repeating: 0x0C, count: 20)
        let digest = Self.mac(SHA256.self, key: key, data: Array("Test With Truncation".utf8))
        #expect(digest.description.prefix(32) == "a3b6167473100ee06e0c796c2955552b")
    }

    /// A keyed state copied before use gives the same code for each message (how STUN
    /// verification reuses one key), and incremental updates match one shot.
    @Test func keyedStateIsReusableAndIncremental() {
        let key = Array("VOkJxbRl1RmTxUk/WvJxBt".utf8)
        let keyed = key.withUnsafeBytes { HMAC<SHA1>(key: $0) }
        let message = (0..<150).map { UInt8(truncatingIfNeeded: $0 * 7) }
        message.withUnsafeBytes { bytes in
            let expected = key.withUnsafeBytes { HMAC<SHA1>.authenticationCode(for: bytes, key: $0) }
            var first = keyed
            first.update(UnsafeRawBufferPointer(rebasing: bytes[0..<20]))
            first.update(UnsafeRawBufferPointer(rebasing: bytes[20...]))
            var second = keyed
            second.update(bytes)
            #expect(first.finalize() == expected)
            #expect(second.finalize() == expected)
        }
    }
}
