import SCTP
import Testing

/// DATA_CHANNEL_OPEN and DATA_CHANNEL_ACK against RFC 8832 §5 and a real peer's bytes.
@Suite struct DCEPMessageTests {
    static func parse(_ bytes: [UInt8]) -> Result<DCEPMessage, DCEPError> {
        bytes.withUnsafeBytes { buffer in
            do throws(DCEPError) {
                return .success(try DCEPMessage(parsing: buffer))
            } catch {
                return .failure(error)
            }
        }
    }

    /// An OPEN written out by hand from the RFC 8832 §5.1 layout.
    @Test func openMatchesTheRFCLayoutByteForByte() throws {
        let expected: [UInt8] = [
            0x03,  // message type: DATA_CHANNEL_OPEN
            0x81,  // channel type: DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT_UNORDERED
            0x02, 0x00,  // priority 512
            0x00, 0x00, 0x00, 0x05,  // reliability parameter: 5 retransmissions
            0x00, 0x04,  // label length
            0x00, 0x02,  // protocol length
            0x63, 0x68, 0x61, 0x74,  // "chat"
            0x76, 0x31,  // "v1"
        ]
        let parameters = try channelParameters("chat", protocol: "v1", ordered: false,
                                               reliability: .maxRetransmits(5), priority: 512)
        #expect(DCEPMessage.open(parameters).serialized() == expected)
        #expect(Self.parse(expected) == .success(.open(parameters)))
    }

    @Test func ackIsTheSingleByteTwo() {
        #expect(DCEPMessage.ack.serialized() == [0x02])
        #expect(Self.parse([0x02]) == .success(.ack))
    }

    @Test(arguments: [
        (true, DataChannelReliability.reliable, UInt8(0x00), UInt32(0)),
        (false, .reliable, 0x80, 0),
        (true, .maxRetransmits(7), 0x01, 7),
        (false, .maxRetransmits(0), 0x81, 0),
        (true, .maxPacketLifeTime(1500), 0x02, 1500),
        (false, .maxPacketLifeTime(0xFFFF_FFFF), 0x82, 0xFFFF_FFFF),
    ])
    func everyChannelTypeRoundTrips(ordered: Bool, reliability: DataChannelReliability,
                                    channelType: UInt8, reliabilityParameter: UInt32) throws {
        let parameters = try channelParameters("label", protocol: "proto", ordered: ordered, reliability: reliability,
                                               priority: 128)
        let bytes = DCEPMessage.open(parameters).serialized()
        #expect(bytes[1] == channelType)
        #expect(Array(bytes[4..<8]) == [UInt8(reliabilityParameter >> 24), UInt8(reliabilityParameter >> 16 & 0xFF),
                                        UInt8(reliabilityParameter >> 8 & 0xFF), UInt8(reliabilityParameter & 0xFF)])
        #expect(Self.parse(bytes) == .success(.open(parameters)))
    }

    /// RFC 8832 §5.1: the reliability parameter of a reliable channel is ignored.
    @Test func reliableChannelIgnoresItsReliabilityParameter() throws {
        let bytes: [UInt8] = [0x03, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x01, 0x00, 0x00, 0x78]
        let expected = try channelParameters("x", ordered: false, reliability: .reliable, priority: 256)
        #expect(Self.parse(bytes) == .success(.open(expected)))
    }

    @Test func aiortcOpensParseAndSerializeBackIdentically() throws {
        let chat = try channelParameters("chat", priority: 0)
        let telemetry = try channelParameters("telemetry", protocol: "json", ordered: false,
                                              reliability: .maxRetransmits(3), priority: 0)
        #expect(Self.parse(DCEPTestVectors.aiortcOpenChat) == .success(.open(chat)))
        #expect(Self.parse(DCEPTestVectors.aiortcOpenTelemetry) == .success(.open(telemetry)))
        #expect(Self.parse(DCEPTestVectors.aiortcAck) == .success(.ack))
        #expect(DCEPMessage.open(chat).serialized() == DCEPTestVectors.aiortcOpenChat)
        #expect(DCEPMessage.open(telemetry).serialized() == DCEPTestVectors.aiortcOpenTelemetry)
    }

    /// Lengths count UTF-8 bytes, not characters.
    @Test func nonASCIILabelLengthIsInBytes() throws {
        let parameters = try channelParameters("données 📡", protocol: "é")
        let bytes = DCEPMessage.open(parameters).serialized()
        #expect(Array(bytes[8..<12]) == [0x00, 13, 0x00, 2])
        #expect(bytes.count == 12 + 13 + 2)
        #expect(Self.parse(bytes) == .success(.open(parameters)))
    }

    @Test func longestLabelAndProtocolFit() throws {
        let longest = String(repeating: "a", count: DataChannelParameters.maximumFieldLength)
        let parameters = try channelParameters(longest, protocol: longest)
        let bytes = DCEPMessage.open(parameters).serialized()
        #expect(Array(bytes[8..<12]) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Self.parse(bytes) == .success(.open(parameters)))
    }

    @Test func overlongLabelOrProtocolIsRefused() {
        let tooLong = String(repeating: "é", count: 32_768)
        #expect(throws: DataChannelError.labelTooLong(byteCount: 65_536)) {
            try DataChannelParameters(label: tooLong)
        }
        #expect(throws: DataChannelError.protocolTooLong(byteCount: 65_536)) {
            try DataChannelParameters(label: "", protocol: tooLong)
        }
    }

    static let header: [UInt8] = [0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]

    @Test(arguments: [
        ([], DCEPError.empty),
        ([0x00], .unknownMessageType(0x00)),
        ([0x01], .unknownMessageType(0x01)),
        ([0xFF, 0x00], .unknownMessageType(0xFF)),
        ([0x02, 0x00], .trailingBytes(count: 1)),
        ([0x03], .truncatedOpenHeader(byteCount: 1)),
        (header + [0x00, 0x00, 0x00], .truncatedOpenHeader(byteCount: 11)),
        (header + [0x00, 0x04, 0x00, 0x00, 0x61, 0x62], .truncatedOpenFields(needed: 16, available: 14)),
        (header + [0xFF, 0xFF, 0xFF, 0xFF], .truncatedOpenFields(needed: 131_082, available: 12)),
        (header + [0x00, 0x01, 0x00, 0x01, 0x61], .truncatedOpenFields(needed: 14, available: 13)),
        (header + [0x00, 0x01, 0x00, 0x00, 0x61, 0x62], .trailingBytes(count: 1)),
        ([0x03, 0x03] + header[2...] + [0x00, 0x00, 0x00, 0x00], .unknownChannelType(0x03)),
        ([0x03, 0x7F] + header[2...] + [0x00, 0x00, 0x00, 0x00], .unknownChannelType(0x7F)),
        ([0x03, 0x83] + header[2...] + [0x00, 0x00, 0x00, 0x00], .unknownChannelType(0x83)),
        ([0x03, 0xFF] + header[2...] + [0x00, 0x00, 0x00, 0x00], .unknownChannelType(0xFF)),
        (header + [0x00, 0x01, 0x00, 0x00, 0xFF], .labelNotUTF8),
        (header + [0x00, 0x02, 0x00, 0x00, 0xC3, 0x28], .labelNotUTF8),
        (header + [0x00, 0x00, 0x00, 0x01, 0xC3], .protocolNotUTF8),
        (header + [0x00, 0x03, 0x00, 0x00, 0xED, 0xA0, 0x80], .labelNotUTF8),  // a UTF-16 surrogate
    ] as [([UInt8], DCEPError)])
    func malformedMessagesAreRejectedWithTheirCause(bytes: [UInt8], expected: DCEPError) {
        #expect(Self.parse(bytes) == .failure(expected))
    }

    @Test func errorsDescribeTheirCause() {
        #expect(DCEPError.unknownChannelType(0x83).description.contains("131"))
        #expect(DCEPError.truncatedOpenFields(needed: 16, available: 14).description.contains("16 bytes"))
        #expect(DataChannelError.streamInUse(42).description.contains("42"))
        #expect(DataChannelSendError.tooLarge(size: 70_000, limit: 65_536).description.contains("65536"))
        #expect(DataChannelDropCause.unexpectedAck.description == "unexpected DATA_CHANNEL_ACK")
    }
}
