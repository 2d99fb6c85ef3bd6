import Testing
import RTCWire

@Suite("RTP parse")
struct RTPParseTests {
    @Test func audioPacketFields() {
        RTPTestPackets.withView(RTPTestPackets.audio) { view in
            #expect(view.bytes.count == 40)
            #expect(view.marker == false)
            #expect(view.payloadType.rawValue == 111)
            #expect(view.sequenceNumber == SequenceNumber(6699))
            #expect(view.timestamp == 768_000)
            #expect(view.ssrc == SSRC(305_419_896))
            #expect(view.csrcCount == 0)
            #expect(view.csrc(at: 0) == nil)
            #expect(view.extensionForm == .oneByte)
            #expect(view.headerLength == 28)
            #expect(view.payloadRange == 28..<40)
            #expect(view.paddingLength == 0)
            #expect(Array(view.payload) == [0x78, 0x0B, 0xE4, 0xC1, 0x36, 0xEC, 0xC5, 0x8D, 0x8C, 0x49, 0x46, 0x99])
            let elements = Array(view.extensions)
            #expect(elements.map(\.id) == [1, 2, 3, 4])
            #expect(elements.map(\.headerOffset) == [16, 18, 22, 25])
            #expect(elements.map(\.dataRange) == [17..<18, 19..<22, 23..<25, 26..<27])
        }
    }

    @Test func videoPacketFields() {
        RTPTestPackets.withView(RTPTestPackets.video) { view in
            #expect(view.bytes.count == 44)
            #expect(view.marker == true)
            #expect(view.payloadType.rawValue == 96)
            #expect(view.sequenceNumber == SequenceNumber(5))
            #expect(view.timestamp == 4_294_967_295)
            #expect(view.ssrc == SSRC(3_735_928_559))
            #expect(view.csrcCount == 2)
            #expect(view.csrc(at: 0) == SSRC(1))
            #expect(view.csrc(at: 1) == SSRC(3_405_691_582))
            #expect(view.csrc(at: 2) == nil)
            #expect(view.csrc(at: -1) == nil)
            #expect(view.extensionForm == .twoByte(appBits: 7))
            #expect(view.headerLength == 36)
            #expect(view.payloadRange == 36..<41)
            #expect(view.paddingLength == 3)
            #expect(Array(view.payload) == [1, 2, 3, 4, 5])
        }
    }

    @Test func minimalHeader() {
        RTPTestPackets.withView(RTPTestPackets.minimal) { view in
            #expect(view.ssrc == SSRC(1))
            #expect(view.extensionForm == nil)
            #expect(view.payloadRange == 12..<12)
            #expect(view.payload.isEmpty)
            #expect(Array(view.extensions).isEmpty)
            #expect(view.extensionElement(id: 1) == nil)
        }
    }

    @Test func mutableAndReadOnlyParsesAgree() {
        var bytes = RTPTestPackets.video
        RTPTestPackets.withPacket(&bytes) { packet in
            #expect(packet.ssrc == packet.view.ssrc)
            #expect(packet.view.payloadRange == 36..<41)
            #expect(packet.view.bytes.baseAddress == UnsafeRawPointer(packet.bytes.baseAddress))
        }
    }

    // MARK: Padding

    @Test func paddingOfOneByteIsTheCountAlone() {
        // P=1; payload AA BB; padding is the final 01.
        RTPTestPackets.withView(RTPTestPackets.bytes("A0 00 00 00 00 00 00 00 00 00 00 01 AA BB 01")) { view in
            #expect(view.paddingLength == 1)
            #expect(view.payloadRange == 12..<14)
        }
    }

    @Test func paddingMayFillEverythingAfterTheHeader() {
        RTPTestPackets.withView(RTPTestPackets.bytes("A0 00 00 00 00 00 00 00 00 00 00 01 00 00 00 04")) { view in
            #expect(view.paddingLength == 4)
            #expect(view.payloadRange == 12..<12)
        }
    }

    @Test func paddingCountOfZeroIsRejected() {
        let bytes = RTPTestPackets.bytes("A0 00 00 00 00 00 00 00 00 00 00 01 AA 00")
        #expect(RTPTestPackets.parseError(bytes) == .invalidPadding(count: 0, available: 2))
    }

    @Test func paddingLongerThanTheBodyIsRejected() {
        let bytes = RTPTestPackets.bytes("A0 00 00 00 00 00 00 00 00 00 00 01 00 00 00 05")
        #expect(RTPTestPackets.parseError(bytes) == .invalidPadding(count: 5, available: 4))
    }

    @Test func paddingBitWithNothingAfterTheHeaderIsRejected() {
        let bytes = RTPTestPackets.bytes("A0 00 00 00 00 00 00 00 00 00 00 01")
        #expect(RTPTestPackets.parseError(bytes) == .invalidPadding(count: 0, available: 0))
    }

    @Test func paddingCannotReachIntoTheExtensionBlock() {
        // P=1 X=1; one-byte block of 1 word ends at 20; 2 bytes follow, count 3 > 2.
        let bytes = RTPTestPackets.bytes("B0 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 01 10 AA 00 00 00 03")
        #expect(RTPTestPackets.parseError(bytes) == .invalidPadding(count: 3, available: 2))
    }

    @Test func paddingCountIsNotReadWhenThePBitIsClear() {
        // Same bytes as above with P=0: the trailing 03 is payload.
        RTPTestPackets.withView(RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 01 10 AA 00 00 00 03")) { view in
            #expect(view.paddingLength == 0)
            #expect(view.payloadRange == 20..<22)
        }
    }

    // MARK: Invalid input

    @Test func shortInputIsRejected() {
        #expect(RTPTestPackets.parseError([]) == .tooShort(length: 0))
        #expect(RTPTestPackets.parseError(Array(RTPTestPackets.minimal.prefix(11))) == .tooShort(length: 11))
    }

    @Test(arguments: [(UInt8(0x00), UInt8(0)), (0x40, 1), (0xC0, 3)])
    func versionOtherThanTwoIsRejected(firstByte: UInt8, version: UInt8) {
        var bytes = RTPTestPackets.minimal
        bytes[0] = firstByte
        #expect(RTPTestPackets.parseError(bytes) == .unsupportedVersion(version))
    }

    @Test func truncatedCSRCListIsRejected() {
        // CC=3 needs 24 bytes; 20 given.
        let bytes = RTPTestPackets.bytes("83 00 00 00 00 00 00 00 00 00 00 01 00 00 00 02 00 00 00 03")
        #expect(RTPTestPackets.parseError(bytes) == .csrcListTruncated(csrcCount: 3, length: 20))
    }

    @Test func truncatedExtensionHeaderIsRejected() {
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE")
        #expect(RTPTestPackets.parseError(bytes) == .extensionHeaderTruncated(offset: 12, length: 14))
    }

    @Test func extensionLongerThanThePacketIsRejected() {
        // 2 words announced (ends at 24), 4 bytes given (ends at 20).
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 02 10 AA 00 00")
        #expect(RTPTestPackets.parseError(bytes) == .extensionTruncated(declaredEnd: 24, length: 20))
    }

    @Test func oneByteElementOverrunningTheBlockIsRejected() {
        // 0x13 at 16: id 1 with 4 data bytes, but the block ends at 20.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 01 13 AA BB CC DD")
        #expect(RTPTestPackets.parseError(bytes) == .extensionElementTruncated(offset: 16))
    }

    @Test func twoByteElementWithoutItsLengthByteIsRejected() {
        // Padding at 16..<19, then id 7 at 19 is the block's last byte.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 10 00 00 01 00 00 00 07")
        #expect(RTPTestPackets.parseError(bytes) == .extensionElementTruncated(offset: 19))
    }

    @Test func twoByteElementOverrunningTheBlockIsRejected() {
        // id 1 at 16 announces 3 bytes; only 2 remain in the block.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 10 00 00 01 01 03 AA BB")
        #expect(RTPTestPackets.parseError(bytes) == .extensionElementTruncated(offset: 16))
    }

    @Test func errorsDescribeThemselves() {
        #expect(RTPParseError.tooShort(length: 3).description.contains("3 bytes"))
        #expect(RTPParseError.invalidPadding(count: 9, available: 4).description.contains("9"))
        #expect(RTPParseError.csrcListTruncated(csrcCount: 2, length: 15).description.contains("20 bytes"))
    }
}
