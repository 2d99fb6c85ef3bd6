import Testing
@testable import RTCWire

/// The RFC 5769 test vectors and the corrected RFC 8489 B.1 vector, parsed and verified.
@Suite struct STUNVectorTests {
    /// Parses `bytes` and hands the message to `body`.
    static func withMessage<Result>(_ bytes: [UInt8], _ body: (STUNMessage) throws -> Result) throws -> Result {
        try bytes.withUnsafeBytes { buffer in
            let message = try STUNMessage.parse(buffer).get()
            return try body(message)
        }
    }

    static func text(_ bytes: UnsafeRawBufferPointer?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    static let key = STUNIntegrityKey(STUNTestVectors.password)
    static let wrongKey = STUNIntegrityKey(Array("VOkJxbRl1RmTxUk/WvJxBr".utf8))

    @Test func sampleRequest() throws {
        try Self.withMessage(STUNTestVectors.sampleRequest) { message in
            #expect(message.messageType == .bindingRequest)
            #expect(message.transactionID == STUNTestVectors.transactionID)
            #expect(Self.text(message.software) == "STUN test client")
            #expect(message.priority == 0x6E00_01FF)
            #expect(message.iceControlled == 0x932F_F9B1_5126_3B36)
            #expect(message.iceControlling == nil)
            #expect(message.useCandidate == false)
            #expect(Self.text(message.username) == "evtj:h6vY")
            let fragments = try #require(message.iceUsernameFragments)
            #expect(Self.text(fragments.recipient) == "evtj")
            #expect(Self.text(fragments.sender) == "h6vY")
            #expect(message.messageIntegrity?.count == 20)
            #expect(message.fingerprint == 0xE57A_3BCF)
            #expect(message.verifyFingerprint())
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
            #expect(message.verifyIntegrity(key: Self.wrongKey) == .mismatch(.hmacSHA1))
            #expect(message.firstUnknownComprehensionRequiredAttribute == nil)
        }
    }

    @Test func sampleIPv4Response() throws {
        try Self.withMessage(STUNTestVectors.sampleIPv4Response) { message in
            #expect(message.messageType == .bindingSuccessResponse)
            #expect(message.transactionID == STUNTestVectors.transactionID)
            #expect(Self.text(message.software) == "test vector")
            #expect(message.xorMappedAddress == .ipv4(address: 0xC000_0201, port: 32853))
            #expect(message.xorMappedAddress?.description == "192.0.2.1:32853")
            #expect(message.verifyFingerprint())
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
            #expect(message.verifyIntegrity(key: Self.wrongKey) == .mismatch(.hmacSHA1))
        }
    }

    @Test func sampleIPv6Response() throws {
        try Self.withMessage(STUNTestVectors.sampleIPv6Response) { message in
            #expect(message.messageType == .bindingSuccessResponse)
            #expect(message.xorMappedAddress == .ipv6(high: 0x2001_0DB8_1234_5678, low: 0x0011_2233_4455_6677, port: 32853))
            #expect(message.xorMappedAddress?.description == "[2001:db8:1234:5678:11:2233:4455:6677]:32853")
            #expect(message.verifyFingerprint())
            #expect(STUNTestVectors.password.withUnsafeBytes { message.verifyIntegrity(key: $0) } == .valid(.hmacSHA1))
            #expect(message.verifyIntegrity(key: Self.wrongKey) == .mismatch(.hmacSHA1))
        }
    }

    /// RFC 5769 §2.4. The long-term key derivation (SASLprep of the password, then MD5 of
    /// "username:realm:password") is not implemented: ICE uses only short-term credentials,
    /// and SASLprep needs Unicode normalization tables. The test uses the key derived
    /// independently and checks the message's HMAC with it.
    @Test func sampleLongTermRequest() throws {
        try Self.withMessage(STUNTestVectors.sampleLongTermRequest) { message in
            #expect(message.messageType == .bindingRequest)
            #expect(message.transactionID == STUNTransactionID(high: 0x78AD_3433, low: 0xC6AD_72C0_29DA_412E))
            #expect(Self.text(message.username) == "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}")
            #expect(Self.text(message.attribute(.realm)?.value) == "example.org")
            #expect(Self.text(message.attribute(.nonce)?.value) == "f//499k954d6OL34oL9FSTvy64sA")
            #expect(message.verifyFingerprint() == false)
            #expect(message.verifyIntegrity(key: STUNIntegrityKey(STUNTestVectors.longTermKey)) == .valid(.hmacSHA1))
            #expect(message.verifyIntegrity(key: Self.key) == .mismatch(.hmacSHA1))
            #expect(message.firstUnknownComprehensionRequiredAttribute == .nonce)
        }
    }

    /// The SHA-256 long-term key of RFC 8489 §9.2.2 with PASSWORD-ALGORITHM SHA-256.
    static let sha256LongTermKeyBytes: [UInt8] =
        Array("\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}:example.org:TheMatrIX".utf8)
            .withUnsafeBytes { SHA256.hash($0) }.withUnsafeBytes { Array($0) }
    static let sha256LongTermKey = STUNIntegrityKey(sha256LongTermKeyBytes)

    @Test func messageIntegritySHA256Request() throws {
        try Self.withMessage(STUNTestVectors.sampleSHA256Request) { message in
            #expect(message.messageIntegritySHA256?.count == 32)
            #expect(message.verifyIntegrity(key: Self.sha256LongTermKey) == .valid(.hmacSHA256))
            #expect(Self.sha256LongTermKeyBytes.withUnsafeBytes { message.verifyIntegrity(key: $0) } == .valid(.hmacSHA256))
            #expect(message.verifyIntegrity(key: Self.key) == .mismatch(.hmacSHA256))
        }
    }

    @Test func truncatedMessageIntegritySHA256() throws {
        try Self.withMessage(STUNTestVectors.sampleTruncatedSHA256Request) { message in
            #expect(message.messageIntegritySHA256?.count == 16)
            #expect(message.verifyIntegrity(key: Self.sha256LongTermKey) == .valid(.hmacSHA256))
            #expect(message.verifyIntegrity(key: Self.key) == .mismatch(.hmacSHA256))
        }
    }

    /// Flipping any single bit of a vector breaks its fingerprint or its parse.
    @Test(arguments: [STUNTestVectors.sampleRequest, STUNTestVectors.sampleIPv4Response,
                      STUNTestVectors.sampleIPv6Response])
    func everyCorruptedByteFailsTheFingerprint(vector: [UInt8]) {
        for index in 0..<vector.count {
            var corrupted = vector
            corrupted[index] ^= 0x10
            corrupted.withUnsafeBytes { bytes in
                guard case .success(let message) = STUNMessage.parse(bytes) else { return }
                #expect(!message.verifyFingerprint(), "byte \(index)")
            }
        }
    }

    /// Corrupting a byte the HMAC covers breaks integrity.
    @Test func corruptedCoveredByteFailsIntegrity() {
        var corrupted = STUNTestVectors.sampleRequest
        corrupted[30] ^= 0x01  // inside SOFTWARE
        corrupted.withUnsafeBytes { bytes in
            guard case .success(let message) = STUNMessage.parse(bytes) else {
                Issue.record("a changed SOFTWARE byte must still parse")
                return
            }
            #expect(message.verifyIntegrity(key: Self.key) == .mismatch(.hmacSHA1))
        }
    }
}
