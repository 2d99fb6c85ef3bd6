import TestSupport
import Testing
@testable import RTCWire

/// Building messages: exact bytes against independently computed messages, then
/// build → parse → verify round trips and the builder's refusals.
@Suite struct STUNBuilderTests {
    static let key = STUNIntegrityKey(STUNTestVectors.password)
    static let wrongKey = STUNIntegrityKey(Array("not the password".utf8))

    /// Runs `build` on a zeroed 1500-byte buffer and returns the bytes written, or the error.
    static func build(capacity: Int = 1500,
                      _ build: (UnsafeMutableRawBufferPointer) -> Result<Int, STUNBuildError>) -> Result<[UInt8], STUNBuildError> {
        var storage = [UInt8](repeating: 0, count: capacity)
        return storage.withUnsafeMutableBytes { buffer in
            build(buffer).map { Array(buffer[0..<$0]) }
        }
    }

    static func failure(_ result: Result<[UInt8], STUNBuildError>) -> STUNBuildError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    static func withBytes(_ text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        Array(text.utf8).withUnsafeBytes(body)
    }

    /// The RFC 5769 §2.1 request rebuilt attribute by attribute. The RFC pads with spaces,
    /// this builder with zeros, so the expected bytes (and thus the HMAC and CRC) were
    /// recomputed with Python's hmac, hashlib and zlib over the zero-padded message.
    @Test func rebuildsTheSampleRequestLayout() throws {
        let expected = STUNTestVectors.bytes("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff 80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 00 00 00
            00 08 00 14 79 07 c2 d2 ed bf ea 48 0e 4c 76 d8 29 62 d5 c3 74 2a f9 e3
            80 28 00 04 e3 52 92 8d
            """)
        let built = try Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            Self.withBytes("STUN test client") { builder.appendSoftware($0) }
            builder.appendPriority(0x6E00_01FF)
            builder.appendICEControlled(tieBreaker: 0x932F_F9B1_5126_3B36)
            Self.withBytes("evtj:h6vY") { builder.appendUsername($0) }
            builder.appendMessageIntegrity(key: Self.key)
            builder.appendFingerprint()
            return builder.finish()
        }.get()
        #expect(built == expected)
    }

    /// The RFC 5769 §2.2 response rebuilt (zero padding, values recomputed as above).
    @Test func rebuildsTheSampleIPv4ResponseLayout() throws {
        let expected = STUNTestVectors.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 00
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 5d 6b 58 be ad 94 e0 7e ef 0d fc 12 82 a2 bd 08 43 14 10 28
            80 28 00 04 25 16 7a 15
            """)
        let built = try Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingSuccessResponse,
                                             transactionID: STUNTestVectors.transactionID)
            Self.withBytes("test vector") { builder.appendSoftware($0) }
            builder.appendXORMappedAddress(.ipv4(address: 0xC000_0201, port: 32853))
            builder.appendMessageIntegrity(key: Self.key)
            builder.appendFingerprint()
            return builder.finish()
        }.get()
        #expect(built == expected)
    }

    @Test(arguments: [true, false])
    func bindingRequestRoundTrip(nominate: Bool) throws {
        let id = STUNTransactionID(high: 0xDEAD_BEEF, low: 0x0123_4567_89AB_CDEF)
        let role: STUNMessageBuilder.ICERole = nominate ? .controlling(tieBreaker: 0x1122_3344_5566_7788)
            : .controlled(tieBreaker: 0x8877_6655_4433_2211)
        let bytes = try Self.build { buffer in
            Array("serv:clnt".utf8).withUnsafeBytes { username in
                STUNMessageBuilder.bindingRequest(into: buffer, transactionID: id, username: username,
                                                  priority: 0x6E7F_1EFF, role: role, useCandidate: nominate, key: Self.key)
            }
        }.get()
        try STUNVectorTests.withMessage(bytes) { message in
            #expect(message.messageType == .bindingRequest)
            #expect(message.transactionID == id)
            #expect(STUNVectorTests.text(message.iceUsernameFragments?.recipient) == "serv")
            #expect(STUNVectorTests.text(message.iceUsernameFragments?.sender) == "clnt")
            #expect(message.priority == 0x6E7F_1EFF)
            #expect(message.iceControlling == (nominate ? 0x1122_3344_5566_7788 : nil))
            #expect(message.iceControlled == (nominate ? nil : 0x8877_6655_4433_2211))
            #expect(message.useCandidate == nominate)
            #expect(message.verifyFingerprint())
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
            #expect(message.verifyIntegrity(key: Self.wrongKey) == .mismatch(.hmacSHA1))
        }
    }

    @Test(arguments: [
        STUNTransportAddress.ipv4(address: 0xC000_0201, port: 32853),
        STUNTransportAddress.ipv4(address: 0, port: 0),
        STUNTransportAddress.ipv6(high: 0x2001_0DB8_1234_5678, low: 0x0011_2233_4455_6677, port: 32853),
        STUNTransportAddress.ipv6(high: .max, low: .max, port: .max),
    ])
    func bindingSuccessRoundTrip(address: STUNTransportAddress) throws {
        let bytes = try Self.build { buffer in
            STUNMessageBuilder.bindingSuccessResponse(into: buffer, transactionID: STUNTestVectors.transactionID,
                                                      mappedAddress: address, key: Self.key)
        }.get()
        try STUNVectorTests.withMessage(bytes) { message in
            #expect(message.messageType == .bindingSuccessResponse)
            #expect(message.xorMappedAddress == address)
            #expect(message.verifyFingerprint())
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
        }
    }

    /// The IPv6 XOR-MAPPED-ADDRESS written for RFC 5769 §2.3's address equals the RFC's bytes.
    @Test func xorMappedIPv6MatchesTheRFCEncoding() throws {
        let bytes = try Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingSuccessResponse,
                                             transactionID: STUNTestVectors.transactionID)
            builder.appendXORMappedAddress(.ipv6(high: 0x2001_0DB8_1234_5678, low: 0x0011_2233_4455_6677, port: 32853))
            return builder.finish()
        }.get()
        #expect(Array(bytes[20...]) == Array(STUNTestVectors.sampleIPv6Response[36..<60]))
    }

    @Test func errorResponses() throws {
        let unauthorized = try Self.build { buffer in
            STUNMessageBuilder.bindingErrorResponse(into: buffer, transactionID: STUNTestVectors.transactionID,
                                                    errorCode: .unauthorized, key: nil)
        }.get()
        try STUNVectorTests.withMessage(unauthorized) { message in
            #expect(message.messageType == .bindingErrorResponse)
            #expect(message.errorCode == .unauthorized)
            #expect(STUNVectorTests.text(message.errorReasonPhrase) == "Unauthorized")
            #expect(message.verifyIntegrity(key: Self.key) == .absent)
            #expect(message.verifyFingerprint())
        }
        for code in [STUNErrorCode.badRequest, .roleConflict] {
            let response = try Self.build { buffer in
                STUNMessageBuilder.bindingErrorResponse(into: buffer, transactionID: STUNTestVectors.transactionID,
                                                        errorCode: code, key: Self.key)
            }.get()
            try STUNVectorTests.withMessage(response) { message in
                #expect(message.errorCode == code)
                #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
                #expect(message.verifyFingerprint())
            }
        }
        #expect(STUNErrorCode(rawValue: 299) == nil)
        #expect(STUNErrorCode(rawValue: 700) == nil)
        #expect(STUNErrorCode(rawValue: 600)?.errorClass == 6)
    }

    @Test func customReasonPhrase() throws {
        let bytes = try Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingErrorResponse, transactionID: STUNTestVectors.transactionID)
            Self.withBytes("Role Conflict, yield") { builder.appendErrorCode(.roleConflict, reasonPhrase: $0) }
            return builder.finish()
        }.get()
        #expect(Array(bytes[24..<28]) == [0, 0, 4, 87])
        try STUNVectorTests.withMessage(bytes) { message in
            #expect(STUNVectorTests.text(message.errorReasonPhrase) == "Role Conflict, yield")
        }
    }

    @Test func sha256IntegrityAfterSHA1() throws {
        let bytes = try Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            builder.appendPriority(1)
            builder.appendMessageIntegrity(key: Self.key)
            builder.appendMessageIntegritySHA256(key: Self.key)
            builder.appendFingerprint()
            return builder.finish()
        }.get()
        try STUNVectorTests.withMessage(bytes) { message in
            #expect(message.messageIntegrity != nil)
            #expect(message.messageIntegritySHA256?.count == 32)
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA256))
            #expect(message.verifyIntegrity(key: Self.wrongKey) == .mismatch(.hmacSHA256))
            #expect(message.verifyFingerprint())
        }
        // The SHA-1 attribute must verify on its own once the SHA-256 one is gone: cut the
        // message after MESSAGE-INTEGRITY (20 + 8 + 24 bytes) and fix the length.
        var sha1Only = Array(bytes[0..<52])
        sha1Only[3] = 32
        try STUNVectorTests.withMessage(sha1Only) { message in
            #expect(message.verifyIntegrity(key: Self.key) == .valid(.hmacSHA1))
        }
    }

    @Test func everyTooSmallBufferIsRefused() {
        let needed = 20 + 16 + 8 + 12 + 24 + 8  // USERNAME(9) PRIORITY ICE-CONTROLLING MI FP
        for capacity in 0..<needed {
            let result = Self.build(capacity: capacity) { buffer in
                Array("evtj:h6vY".utf8).withUnsafeBytes { username in
                    STUNMessageBuilder.bindingRequest(into: buffer, transactionID: STUNTestVectors.transactionID,
                                                      username: username, priority: 1, role: .controlling(tieBreaker: 2),
                                                      useCandidate: false, key: Self.key)
                }
            }
            guard case .failure(.bufferTooSmall(_, let reported)) = result else {
                Issue.record("capacity \(capacity) gave \(result)")
                continue
            }
            #expect(reported == capacity)
        }
        let fits = Self.build(capacity: needed) { buffer in
            Array("evtj:h6vY".utf8).withUnsafeBytes { username in
                STUNMessageBuilder.bindingRequest(into: buffer, transactionID: STUNTestVectors.transactionID,
                                                  username: username, priority: 1, role: .controlling(tieBreaker: 2),
                                                  useCandidate: false, key: Self.key)
            }
        }
        #expect((try? fits.get())?.count == needed)
    }

    @Test func misplacedAttributesAreRefused() {
        let afterFingerprint = Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            builder.appendFingerprint()
            builder.appendPriority(1)
            builder.appendUseCandidate()
            return builder.finish()
        }
        #expect(Self.failure(afterFingerprint) == .attributeAfterFingerprint(.priority))
        let afterIntegrity = Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            builder.appendMessageIntegrity(key: Self.key)
            builder.appendUseCandidate()
            return builder.finish()
        }
        #expect(Self.failure(afterIntegrity) == .attributeAfterIntegrity(.useCandidate))
        let afterSHA256 = Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            builder.appendMessageIntegritySHA256(key: Self.key)
            builder.appendMessageIntegrity(key: Self.key)
            return builder.finish()
        }
        #expect(Self.failure(afterSHA256) == .attributeAfterIntegrity(.messageIntegrity))
    }

    @Test func overlongValuesAreRefused() {
        let username = [UInt8](repeating: 0x61, count: 509)
        let result = Self.build { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            username.withUnsafeBytes { builder.appendUsername($0) }
            return builder.finish()
        }
        #expect(Self.failure(result) == .valueTooLong(.username, byteCount: 509, limit: 508))
        let huge = [UInt8](repeating: 0, count: 70_000)
        let tooBig = Self.build(capacity: 80_000) { buffer in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTestVectors.transactionID)
            huge.withUnsafeBytes { builder.append(STUNAttributeType(rawValue: 0x8001), value: $0) }
            return builder.finish()
        }
        #expect(Self.failure(tooBig) == .valueTooLong(STUNAttributeType(rawValue: 0x8001), byteCount: 70_000, limit: 65535))
    }

    @Test func randomTransactionIDsDiffer() {
        var generator = SplitMix64(seed: 7)
        let first = STUNTransactionID.random(using: &generator)
        let second = STUNTransactionID.random(using: &generator)
        #expect(first != second)
        #expect(STUNTransactionID.random() != STUNTransactionID.random())
        #expect(STUNTestVectors.transactionID.description == "b7e7a701bc34d686fa87dfae")
        #expect(STUNTransactionID(high: 1, low: 2).description == "000000010000000000000002")
    }
}
