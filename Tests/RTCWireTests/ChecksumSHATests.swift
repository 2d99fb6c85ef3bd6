import Testing
@testable import RTCWire

/// SHA-1 and SHA-256 against FIPS 180-2 Appendix A/B and RFC 3174 §7.3 vectors, plus
/// padding-boundary digests computed independently with Python's hashlib.
@Suite struct ChecksumSHATests {
    static let twoBlockMessage = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    static let fourBlockMessage = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    static func sha1(_ text: String) -> String {
        Array(text.utf8).withUnsafeBytes { SHA1.hash($0).description }
    }

    static func sha256(_ text: String) -> String {
        Array(text.utf8).withUnsafeBytes { SHA256.hash($0).description }
    }

    @Test func sha1OfOfficialVectors() {
        #expect(Self.sha1("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(Self.sha1("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Self.sha1(Self.twoBlockMessage) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(Self.sha1(Self.fourBlockMessage) == "a49b2446a02c645bf419f995b67091253a04a259")
    }

    @Test func sha256OfOfficialVectors() {
        #expect(Self.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.sha256(Self.twoBlockMessage) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.sha256(Self.fourBlockMessage) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    /// One million 'a' (FIPS 180-2 A.3 / B.3), fed in uneven chunks to exercise buffering.
    @Test func millionAInChunks() {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var sha1 = SHA1()
        var sha256 = SHA256()
        var fed = 0
        var step = 1
        chunk.withUnsafeBytes { bytes in
            while fed < 1_000_000 {
                let size = min(step, 1_000_000 - fed, bytes.count)
                let part = UnsafeRawBufferPointer(rebasing: bytes[0..<size])
                sha1.update(part)
                sha256.update(part)
                fed += size
                step = step % 997 + 7
            }
        }
        #expect(sha1.finalize().description == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(sha256.finalize().description == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries (55/56 bytes leave no room for the length).
    @Test(arguments: [
        (55, "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2", "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "636e2ec698dac903498e648bd2f3af641d3c88cb", "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "6d942da0c4392b123528f2905c713a3ce28364bd", "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "c6138d514ffa2135bfce0ed0b8fac65669917ec7", "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "69bd728ad6e13cd76ff19751fde427b00e395746", "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "41c89d06001bab4ab78736b44efe7ce18ce6ae08", "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "d3dbd653bd8597b7475321b60a36891278e6a04a", "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
    ])
    func paddingBoundaries(length: Int, expectedSHA1: String, expectedSHA256: String) {
        let message = (0..<length).map { UInt8($0 % 251) }
        message.withUnsafeBytes { bytes in
            #expect(SHA1.hash(bytes).description == expectedSHA1)
            #expect(SHA256.hash(bytes).description == expectedSHA256)
        }
    }

    /// Any split of the input gives the one-shot digest.
    @Test func byteAtATimeMatchesOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        message.withUnsafeBytes { bytes in
            for length in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
                let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<length])
                var sha1 = SHA1()
                var sha256 = SHA256()
                for index in 0..<length {
                    let single = UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 1)])
                    sha1.update(single)
                    sha256.update(single)
                }
                #expect(sha1.finalize() == SHA1.hash(prefix))
                #expect(sha256.finalize() == SHA256.hash(prefix))
            }
        }
    }

    @Test func digestBytesAreInOutputOrder() {
        let digest = Array("abc".utf8).withUnsafeBytes { SHA256.hash($0) }
        let bytes = digest.withUnsafeBytes { Array($0) }
        #expect(bytes.count == SHA256.Digest.byteCount)
        #expect(bytes.prefix(4) == [0xBA, 0x78, 0x16, 0xBF])
        #expect(bytes.suffix(2) == [0x15, 0xAD])
    }
}
