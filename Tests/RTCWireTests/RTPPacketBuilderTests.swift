import Testing
import RTCWire

@Suite("RTP packet builder")
struct RTPPacketBuilderTests {
    /// Writes `builder`'s packet into a 1500-byte buffer and returns its bytes, or the error.
    private func build(_ builder: RTPPacketBuilder, payload: [UInt8] = [], paddingLength: Int = 0)
        -> Result<[UInt8], RTPBuildError> {
        var buffer = [UInt8](repeating: 0xEE, count: 1500)
        let result = buffer.withUnsafeMutableBytes { out in
            payload.withUnsafeBytes { builder.write(into: out, payload: $0, paddingLength: paddingLength) }
        }
        return result.map { Array(buffer[..<$0]) }
    }

    @Test func writesTheAudioPacketByteForByte() throws {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 111), sequenceNumber: SequenceNumber(6699),
                                       timestamp: 768_000, ssrc: SSRC(305_419_896))
        builder.extensions = [
            RTPHeaderExtensionValue(id: 1, data: [0xD5]),
            RTPHeaderExtensionValue(id: 2, data: [0x01, 0x02, 0x03]),
            RTPHeaderExtensionValue(id: 3, data: [0x00, 0x2A]),
            RTPHeaderExtensionValue(id: 4, data: [0x30]),
        ]
        let payload = Array(RTPTestPackets.audio[28...])
        #expect(try build(builder, payload: payload).get() == RTPTestPackets.audio)
    }

    @Test func writesTheVideoPacketShapeAndReadsItBack() throws {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 96), sequenceNumber: SequenceNumber(5),
                                       timestamp: 0xFFFF_FFFF, ssrc: SSRC(0xDEAD_BEEF))
        builder.marker = true
        builder.csrcs = [SSRC(1), SSRC(0xCAFE_BABE)]
        builder.extensionForm = .twoByte(appBits: 7)
        builder.extensions = [
            RTPHeaderExtensionValue(id: 5, data: []),
            RTPHeaderExtensionValue(id: 12, data: Array("abc".utf8)),
            RTPHeaderExtensionValue(id: 240, data: [0x01, 0x02]),
        ]
        let bytes = try build(builder, payload: [1, 2, 3, 4, 5], paddingLength: 3).get()
        // 11 bytes of elements round up to 12 (the fixture instead pads between elements).
        #expect(bytes.count == 44)
        #expect(Array(bytes[0..<24]) == Array(RTPTestPackets.video[0..<24]))
        #expect(Array(bytes[24..<36]) == RTPTestPackets.bytes("05 00 0C 03 61 62 63 F0 02 01 02 00"))
        #expect(Array(bytes[36...]) == Array(RTPTestPackets.video[36...]))
    }

    @Test func headerOnlyWithoutExtensions() throws {
        let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 0), sequenceNumber: SequenceNumber(0),
                                       timestamp: 0, ssrc: SSRC(1))
        #expect(try build(builder).get() == RTPTestPackets.minimal)
    }

    @Test func roundTripOfLimits() throws {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 127), sequenceNumber: SequenceNumber(65535),
                                       timestamp: 1, ssrc: SSRC(2))
        builder.csrcs = (1...15).map { SSRC(UInt32($0)) }
        builder.extensions = [
            RTPHeaderExtensionValue(id: 14, data: [UInt8](repeating: 7, count: 16)),
            RTPHeaderExtensionValue(id: 1, data: [9]),
        ]
        var bytes = try build(builder, payload: [0xAB], paddingLength: 255).get()
        // 12 + 60 CSRC bytes + 4 + 20 (17 + 2 elements rounded up) + 1 payload + 255 padding.
        #expect(bytes.count == 352)
        RTPTestPackets.withPacket(&bytes) { packet in
            let view = packet.view
            #expect(view.payloadType.rawValue == 127)
            #expect(view.sequenceNumber.rawValue == 65535)
            #expect(view.csrcCount == 15)
            #expect(view.csrc(at: 14) == SSRC(15))
            #expect(RTPTestPackets.elements(view).map(\.id) == [14, 1])
            #expect(view.payloadRange == 96..<97)
            #expect(view.paddingLength == 255)
        }
    }

    @Test func twoByteRoundTripOfLimits() throws {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 1), sequenceNumber: SequenceNumber(1),
                                       timestamp: 1, ssrc: SSRC(1))
        builder.extensionForm = .twoByte(appBits: 15)
        builder.extensions = [
            RTPHeaderExtensionValue(id: 255, data: [UInt8](repeating: 3, count: 255)),
            RTPHeaderExtensionValue(id: 15, data: []),
        ]
        let bytes = try build(builder).get()
        // Elements: 257 + 2 = 259 bytes, rounded to 260 (65 words).
        #expect(Array(bytes[12..<16]) == [0x10, 0x0F, 0x00, 0x41])
        RTPTestPackets.withView(bytes) { view in
            #expect(view.extensionForm == .twoByte(appBits: 15))
            #expect(view.extensionElement(id: 255)?.dataRange.count == 255)
            #expect(view.extensionElement(id: 15)?.dataRange.count == 0)
            #expect(view.payloadRange == 276..<276)
        }
    }

    @Test func invalidDescriptionsAreRefused() {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 1), sequenceNumber: SequenceNumber(1),
                                       timestamp: 1, ssrc: SSRC(1))
        builder.csrcs = (0..<16).map { SSRC(UInt32($0)) }
        #expect(throws: RTPBuildError.tooManyCSRCs(count: 16)) { try build(builder).get() }
        builder.csrcs = []

        builder.extensions = [RTPHeaderExtensionValue(id: 15, data: [1])]
        #expect(throws: RTPBuildError.invalidExtensionID(15, form: .oneByte)) { try build(builder).get() }
        builder.extensions = [RTPHeaderExtensionValue(id: 0, data: [1])]
        #expect(throws: RTPBuildError.invalidExtensionID(0, form: .oneByte)) { try build(builder).get() }
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: [])]
        #expect(throws: RTPBuildError.invalidExtensionLength(id: 1, length: 0, form: .oneByte)) { try build(builder).get() }
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: [UInt8](repeating: 0, count: 17))]
        #expect(throws: RTPBuildError.invalidExtensionLength(id: 1, length: 17, form: .oneByte)) { try build(builder).get() }

        builder.extensionForm = .twoByte(appBits: 0)
        builder.extensions = [RTPHeaderExtensionValue(id: 0, data: [])]
        #expect(throws: RTPBuildError.invalidExtensionID(0, form: .twoByte(appBits: 0))) { try build(builder).get() }
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: [UInt8](repeating: 0, count: 256))]
        #expect(throws: RTPBuildError.invalidExtensionLength(id: 1, length: 256, form: .twoByte(appBits: 0))) {
            try build(builder).get()
        }
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: [1])]
        builder.extensionForm = .twoByte(appBits: 16)
        #expect(throws: RTPBuildError.unsupportedExtensionForm(.twoByte(appBits: 16))) { try build(builder).get() }
        builder.extensionForm = .other(profile: 0xABCD)
        #expect(throws: RTPBuildError.unsupportedExtensionForm(.other(profile: 0xABCD))) { try build(builder).get() }

        builder.extensions = []
        #expect(throws: RTPBuildError.invalidPaddingLength(256)) { try build(builder, paddingLength: 256).get() }
        #expect(throws: RTPBuildError.invalidPaddingLength(-1)) { try build(builder, paddingLength: -1).get() }
    }

    @Test func tooSmallBufferIsLeftUntouched() {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 1), sequenceNumber: SequenceNumber(1),
                                       timestamp: 1, ssrc: SSRC(1))
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: [1])]
        // 12 + 4 + 4 + 2 payload + 1 padding = 23 bytes needed.
        var buffer = [UInt8](repeating: 0xEE, count: 22)
        let result = buffer.withUnsafeMutableBytes { out in
            [UInt8](arrayLiteral: 1, 2).withUnsafeBytes { builder.write(into: out, payload: $0, paddingLength: 1) }
        }
        #expect(result == .failure(.bufferTooSmall(needed: 23, available: 22)))
        #expect(buffer.allSatisfy { $0 == 0xEE })
    }

    @Test func errorsDescribeThemselves() {
        #expect(RTPBuildError.bufferTooSmall(needed: 23, available: 22).description.contains("23"))
        #expect(RTPBuildError.invalidExtensionID(15, form: .oneByte).description.contains("15"))
    }
}
