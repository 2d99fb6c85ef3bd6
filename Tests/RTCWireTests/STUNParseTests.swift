import Testing
@testable import RTCWire

/// Header validation, message type coding, attribute iteration rules and typed accessors
/// on hand-assembled messages.
@Suite struct STUNParseTests {
    /// Assembles a message the way RFC 8489 §5 and §14 lay it out, independently of the
    /// module's builder.
    static func message(type: UInt16 = 0x0001, _ attributes: [(UInt16, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        for (attributeType, value) in attributes {
            body += [UInt8(attributeType >> 8), UInt8(attributeType & 0xFF), UInt8(value.count >> 8), UInt8(value.count & 0xFF)]
            body += value + [UInt8](repeating: 0, count: (4 - value.count % 4) % 4)
        }
        return [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(body.count >> 8), UInt8(body.count & 0xFF),
                0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] + body
    }

    static func parse(_ bytes: [UInt8]) -> Result<Void, STUNParseError> {
        bytes.withUnsafeBytes { STUNMessage.parse($0).map { _ in () } }
    }

    static func withMessage(_ bytes: [UInt8], _ body: (STUNMessage) -> Void) {
        bytes.withUnsafeBytes { buffer in
            switch STUNMessage.parse(buffer) {
            case .success(let message): body(message)
            case .failure(let error): Issue.record("parse failed: \(error)")
            }
        }
    }

    static func error(_ bytes: [UInt8]) -> STUNParseError? {
        if case .failure(let error) = parse(bytes) { return error }
        return nil
    }

    // MARK: header

    @Test func rejectsShortInputs() {
        #expect(Self.error([]) == .tooShort(byteCount: 0))
        #expect(Self.error(Array(Self.message([]).prefix(19))) == .tooShort(byteCount: 19))
    }

    @Test func acceptsAnEmptyMessage() {
        Self.withMessage(Self.message([])) { message in
            #expect(message.messageType == .bindingRequest)
            #expect(message.transactionID == STUNTransactionID(high: 0x0102_0304, low: 0x0506_0708_090A_0B0C))
            #expect(Array(message.attributes).isEmpty)
        }
    }

    @Test func rejectsLeadingBits() {
        var bytes = Self.message([])
        bytes[0] = 0x40
        #expect(Self.error(bytes) == .leadingBitsNotZero(firstByte: 0x40))
        bytes[0] = 0x80
        #expect(Self.error(bytes) == .leadingBitsNotZero(firstByte: 0x80))
    }

    @Test func rejectsWrongCookie() {
        var bytes = Self.message([])
        bytes[7] = 0x43
        #expect(Self.error(bytes) == .wrongMagicCookie(0x2112_A443))
    }

    @Test func rejectsLengthNotMultipleOfFour() {
        var bytes = Self.message([(0x8022, [1, 2, 3, 4])])
        bytes[3] = 7
        #expect(Self.error(bytes) == .lengthNotMultipleOfFour(7))
    }

    @Test func rejectsLengthMismatch() {
        let bytes = Self.message([(0x8022, [1, 2, 3, 4])])
        #expect(Self.error(bytes + [0, 0, 0, 0]) == .lengthMismatch(declared: 8, available: 12))
        #expect(Self.error(Array(bytes.dropLast(4))) == .lengthMismatch(declared: 8, available: 4))
    }

    @Test func rejectsAttributeRunningPastTheEnd() {
        var bytes = Self.message([(0x8022, [1, 2, 3, 4])])
        bytes[23] = 5  // value length 5 needs 8 padded bytes, only 4 remain
        #expect(Self.error(bytes) == .truncatedAttribute(offset: 20))
        var header = Self.message([(0x8022, [1, 2, 3, 4]), (0x8023, [])])
        header[31] = 0xFF  // the second attribute's length runs out
        #expect(Self.error(header) == .truncatedAttribute(offset: 28))
    }

    @Test func errorsDescribeThemselves() {
        #expect(STUNParseError.wrongMagicCookie(0x1234).description.contains("0x1234"))
        #expect(STUNParseError.lengthMismatch(declared: 8, available: 4).description.contains("8"))
    }

    // MARK: message type

    @Test func messageTypeKnownValues() {
        #expect(STUNMessageType.bindingRequest.wireValue == 0x0001)
        #expect(STUNMessageType.bindingIndication.wireValue == 0x0011)
        #expect(STUNMessageType.bindingSuccessResponse.wireValue == 0x0101)
        #expect(STUNMessageType.bindingErrorResponse.wireValue == 0x0111)
        // Allocate (0x003) error response, RFC 8656: 0x0113.
        let allocate = STUNMessageType(wireValue: 0x0113)
        #expect(allocate?.method.rawValue == 0x003)
        #expect(allocate?.messageClass == .errorResponse)
        #expect(STUNMessageType(wireValue: 0x4001) == nil)
    }

    @Test func messageTypeRoundTripsForEveryFourteenBitValue() {
        for wire in UInt16(0)...0x3FFF {
            let decoded = STUNMessageType(wireValue: wire)
            #expect(decoded?.wireValue == wire)
        }
    }

    // MARK: attribute iteration

    static let twentyBytes = [UInt8](repeating: 0xAB, count: 20)

    @Test func attributesAfterIntegrityAreIgnored() {
        let bytes = Self.message([
            (0x0006, Array("a:b".utf8)),
            (0x0008, Self.twentyBytes),
            (0x0024, [0, 0, 0, 1]),          // PRIORITY after MESSAGE-INTEGRITY: ignored
            (0x001C, [UInt8](repeating: 1, count: 32)),
            (0x0008, Self.twentyBytes),      // MESSAGE-INTEGRITY after -SHA256: ignored
            (0x8028, [0, 0, 0, 0]),
            (0x8022, [0x41]),                // after FINGERPRINT: ignored
        ])
        Self.withMessage(bytes) { message in
            let types = message.attributes.map(\.type)
            #expect(types == [.username, .messageIntegrity, .messageIntegritySHA256, .fingerprint])
            #expect(message.priority == nil)
            #expect(message.software == nil)
            #expect(message.attributes.map(\.offset) == [20, 28, 60, 120])
        }
    }

    @Test func attributeValuesExcludePadding() {
        Self.withMessage(Self.message([(0x8022, [1, 2, 3, 4, 5]), (0x0025, [])])) { message in
            let attributes = Array(message.attributes)
            #expect(attributes.count == 2)
            #expect(Array(attributes[0].value) == [1, 2, 3, 4, 5])
            #expect(attributes[1].offset == 32)
            #expect(attributes[1].value.isEmpty)
            #expect(message.useCandidate)
        }
    }

    @Test func firstUnknownComprehensionRequiredAttribute() {
        Self.withMessage(Self.message([(0xC057, [0, 1, 0, 0]), (0x0024, [0, 0, 0, 1]), (0x0033, [])])) { message in
            #expect(message.firstUnknownComprehensionRequiredAttribute == STUNAttributeType(rawValue: 0x0033))
        }
        Self.withMessage(Self.message([(0xC057, [0, 1, 0, 0])])) { message in
            #expect(message.firstUnknownComprehensionRequiredAttribute == nil)
        }
    }

    // MARK: accessors

    @Test func accessorsRejectWrongLengths() {
        let bytes = Self.message([
            (0x0024, [0, 0, 1]), (0x8029, [1, 2, 3, 4]), (0x802A, [UInt8](repeating: 1, count: 9)),
            (0x0025, [0, 0, 0, 0]), (0x8028, [1, 2]), (0x000A, [0, 1, 0]),
        ])
        Self.withMessage(bytes) { message in
            #expect(message.priority == nil)
            #expect(message.iceControlled == nil)
            #expect(message.iceControlling == nil)
            #expect(message.useCandidate == false)
            #expect(message.fingerprint == nil)
            #expect(message.unknownAttributes == nil)
            #expect(message.verifyFingerprint() == false)
        }
    }

    @Test func integrityAttributesOfWrongLengthAreMalformed() {
        Self.withMessage(Self.message([(0x0008, [UInt8](repeating: 0, count: 16))])) { message in
            #expect(message.messageIntegrity == nil)
            #expect(message.verifyIntegrity(key: STUNIntegrityKey([1])) == .malformed(.hmacSHA1))
        }
        for length in [12, 18, 36] {
            Self.withMessage(Self.message([(0x001C, [UInt8](repeating: 0, count: length))])) { message in
                #expect(message.messageIntegritySHA256 == nil)
                #expect(message.verifyIntegrity(key: STUNIntegrityKey([1])) == .malformed(.hmacSHA256))
            }
        }
        Self.withMessage(Self.message([])) { message in
            #expect(message.verifyIntegrity(key: STUNIntegrityKey([1])) == .absent)
        }
    }

    @Test func errorCode() {
        let phrase = Array("Unauthorized".utf8)
        Self.withMessage(Self.message(type: 0x0111, [(0x0009, [0, 0, 4, 1] + phrase)])) { message in
            #expect(message.messageType == .bindingErrorResponse)
            #expect(message.errorCode == .unauthorized)
            #expect(message.errorReasonPhrase.map(Array.init) == phrase)
        }
        Self.withMessage(Self.message(type: 0x0111, [(0x0009, [0, 0, 2, 1])])) { message in
            #expect(message.errorCode == nil)  // class 2 is not allowed
        }
        Self.withMessage(Self.message(type: 0x0111, [(0x0009, [0, 0, 4, 100])])) { message in
            #expect(message.errorCode == nil)  // number above 99
        }
        Self.withMessage(Self.message(type: 0x0111, [(0x0009, [0, 0, 4])])) { message in
            #expect(message.errorCode == nil)
            #expect(message.errorReasonPhrase == nil)
        }
    }

    @Test func unknownAttributesList() {
        Self.withMessage(Self.message(type: 0x0111, [(0x000A, [0x00, 0x33, 0x00, 0x1A, 0x7F, 0xFF])])) { message in
            let list = message.unknownAttributes
            #expect(list?.count == 3)
            #expect(list.map { $0.map(\.rawValue) } == [0x0033, 0x001A, 0x7FFF])
        }
    }

    @Test func mappedAddressIsNotXored() {
        let value: [UInt8] = [0, 1, 0x0D, 0x96, 10, 0, 0, 1]
        Self.withMessage(Self.message(type: 0x0101, [(0x0001, value)])) { message in
            #expect(message.mappedAddress == .ipv4(address: 0x0A00_0001, port: 3478))
            #expect(message.xorMappedAddress == nil)
        }
    }

    @Test func addressesWithBadFamilyOrLengthAreRejected() {
        for value: [UInt8] in [[0, 3, 0, 1, 1, 2, 3, 4], [0, 1, 0, 1, 1, 2, 3, 4, 0, 0, 0, 0], [0, 2, 0, 1, 1, 2, 3, 4], [0, 1]] {
            Self.withMessage(Self.message(type: 0x0101, [(0x0020, value), (0x0001, value)])) { message in
                #expect(message.xorMappedAddress == nil)
                #expect(message.mappedAddress == nil)
            }
        }
    }

    @Test func usernameFragments() {
        func split(_ text: String) -> [String]? {
            Array(text.utf8).withUnsafeBytes { bytes in
                ICEUsernameFragments(splitting: bytes).map {
                    [String(decoding: $0.recipient, as: UTF8.self), String(decoding: $0.sender, as: UTF8.self)]
                }
            }
        }
        #expect(split("abcd:efgh") == ["abcd", "efgh"])
        #expect(split("a:b:c") == ["a", "b:c"])
        #expect(split("abcd") == nil)
        #expect(split(":abcd") == nil)
        #expect(split("abcd:") == nil)
        #expect(split("") == nil)
    }

    @Test func transportAddressDescriptions() {
        #expect(STUNTransportAddress.ipv6(high: 0, low: 1, port: 1).description == "[::1]:1")
        #expect(STUNTransportAddress.ipv6(high: 0, low: 0, port: 0).description == "[::]:0")
        #expect(STUNTransportAddress.ipv6(high: 0x2001_0DB8_0000_0000, low: 1, port: 80).description == "[2001:db8::1]:80")
        #expect(STUNTransportAddress.ipv6(high: 0x0001_0000_0000_0000, low: 0, port: 80).description == "[1::]:80")
        // A single zero group is not shortened (RFC 5952 §4.2.2); the first longest run is.
        #expect(STUNTransportAddress.ipv6(high: 0x2001_0DB8_0000_0001, low: 0x0001_0001_0001_0001, port: 5).description
            == "[2001:db8:0:1:1:1:1:1]:5")
        #expect(STUNTransportAddress.ipv6(high: 0x2001_0000_0000_0001, low: 0x0000_0000_0001_0000, port: 5).description
            == "[2001::1:0:0:1:0]:5")
        #expect(STUNTransportAddress.ipv6(high: 0x2001_0000_0001_0000, low: 0, port: 5).description == "[2001:0:1::]:5")
        #expect(STUNTransportAddress.ipv4(address: 0xFFFF_FFFF, port: 65535).description == "255.255.255.255:65535")
    }

    @Test func attributeTypeNames() {
        #expect(STUNAttributeType.xorMappedAddress.description == "XOR-MAPPED-ADDRESS")
        #expect(STUNAttributeType(rawValue: 0x33).description == "attribute 0x0033")
        #expect(STUNAttributeType.software.isComprehensionRequired == false)
        #expect(STUNAttributeType.username.isComprehensionRequired)
    }
}
