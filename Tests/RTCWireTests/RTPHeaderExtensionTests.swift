import Testing
import RTCWire

@Suite("RTP header extensions")
struct RTPHeaderExtensionTests {
    @Test func formFromProfile() {
        #expect(RTPHeaderExtensionForm(profile: 0xBEDE) == .oneByte)
        #expect(RTPHeaderExtensionForm(profile: 0x1000) == .twoByte(appBits: 0))
        #expect(RTPHeaderExtensionForm(profile: 0x100F) == .twoByte(appBits: 15))
        #expect(RTPHeaderExtensionForm(profile: 0x1010) == .other(profile: 0x1010))
        #expect(RTPHeaderExtensionForm(profile: 0xBEDF) == .other(profile: 0xBEDF))
        #expect(RTPHeaderExtensionForm.twoByte(appBits: 7).profile == 0x1007)
        #expect(RTPHeaderExtensionForm.oneByte.profile == 0xBEDE)
    }

    @Test func oneByteElementsOfTheAudioPacket() {
        RTPTestPackets.withView(RTPTestPackets.audio) { view in
            let elements = RTPTestPackets.elements(view)
            #expect(elements.map(\.id) == [1, 2, 3, 4])
            #expect(elements.map(\.data) == [[0xD5], [0x01, 0x02, 0x03], [0x00, 0x2A], [0x30]])
        }
    }

    @Test func oneByteSkipsPaddingBetweenElements() {
        // 2 words: 00 00 at 16, id 1 (2 bytes AA BB) at 18, 00 at 21, id 2 (1 byte CC) at 22.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 02 00 00 11 AA BB 00 20 CC")
        RTPTestPackets.withView(bytes) { view in
            let elements = Array(view.extensions)
            #expect(elements.map(\.id) == [1, 2])
            #expect(elements.map(\.headerOffset) == [18, 22])
            #expect(elements.map { Array($0.data) } == [[0xAA, 0xBB], [0xCC]])
        }
    }

    @Test func oneBytePaddingIgnoresTheLengthNibble() {
        // RFC 8285 §4.1: a byte with ID 0 is one byte of padding whatever its low bits say.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 01 0F 10 AA 00")
        RTPTestPackets.withView(bytes) { view in
            #expect(RTPTestPackets.elements(view).map(\.id) == [1])
            #expect(view.extensionElement(id: 1)?.dataRange == 18..<19)
        }
    }

    @Test func oneByteIdFifteenEndsTheWalk() {
        // id 1 (AA), then 0xF3 (id 15): everything after it, even the malformed 0x2F that would
        // overrun the block, is ignored.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 02 10 AA F3 20 BB 2F 00 00")
        RTPTestPackets.withView(bytes) { view in
            #expect(RTPTestPackets.elements(view).map(\.id) == [1])
            #expect(view.extensionElement(id: 2) == nil)
        }
    }

    @Test func oneByteLongestElement() {
        // 0xEF: id 14, 16 data bytes, then 3 bytes of padding (5 words).
        var hex = "90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 05 EF"
        for value in 0..<16 { hex += String(format: value) }
        hex += " 00 00 00"
        RTPTestPackets.withView(RTPTestPackets.bytes(hex)) { view in
            let element = view.extensionElement(id: 14)
            #expect(element?.dataRange == 17..<33)
            #expect(element.map { Array($0.data) } == Array(0..<16))
        }
    }

    @Test func twoByteElementsOfTheVideoPacket() {
        RTPTestPackets.withView(RTPTestPackets.video) { view in
            let elements = Array(view.extensions)
            #expect(elements.map(\.id) == [5, 12, 240])
            #expect(elements.map(\.headerOffset) == [24, 27, 32])
            #expect(elements.map(\.dataRange) == [26..<26, 29..<32, 34..<36])
            #expect(elements.map { Array($0.data) } == [[], [0x61, 0x62, 0x63], [0x01, 0x02]])
        }
    }

    @Test func twoByteAllowsIdFifteenAndAbove() {
        // id 15 (1 byte 99), id 255 (0 bytes), then 1 padding byte.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 10 00 00 02 0F 01 99 FF 00 00 00 00")
        RTPTestPackets.withView(bytes) { view in
            #expect(RTPTestPackets.elements(view).map(\.id) == [15, 255])
            #expect(view.extensionElement(id: 15)?.dataRange == 18..<19)
            #expect(view.extensionElement(id: 255)?.dataRange == 21..<21)
        }
    }

    @Test func otherProfilesHaveNoElements() {
        // Profile 0xABCD: the 4 bytes after the header are opaque, even though they would read as
        // a malformed one-byte element.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 AB CD 00 01 1F 00 00 00 EE")
        RTPTestPackets.withView(bytes) { view in
            #expect(view.extensionForm == .other(profile: 0xABCD))
            #expect(Array(view.extensions).isEmpty)
            #expect(view.payloadRange == 20..<21)
        }
    }

    @Test func emptyExtensionBlock() {
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 00 AA")
        RTPTestPackets.withView(bytes) { view in
            #expect(view.extensionForm == .oneByte)
            #expect(Array(view.extensions).isEmpty)
            #expect(view.payloadRange == 16..<17)
        }
    }

    @Test func findByIdReturnsTheFirstMatch() {
        // id 1 twice: AA then BB.
        let bytes = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 BE DE 00 01 10 AA 10 BB")
        RTPTestPackets.withView(bytes) { view in
            #expect(view.extensionElement(id: 1).map { Array($0.data) } == [0xAA])
            #expect(view.extensionElement(id: 0) == nil)
        }
    }

    // MARK: Typed values

    @Test func typedValuesOfTheAudioPacket() {
        RTPTestPackets.withView(RTPTestPackets.audio) { view in
            #expect(view.audioLevel(id: 1) == RTPAudioLevel(wireByte: 0xD5))
            #expect(view.audioLevel(id: 1)?.voiceActivity == true)
            #expect(view.audioLevel(id: 1)?.level == 85)
            #expect(view.absSendTime(id: 2) == 66051)
            #expect(view.transportSequenceNumber(id: 3) == 42)
            #expect(view.midBytes(id: 4).map(Array.init) == Array("0".utf8))
        }
    }

    @Test func typedValuesRefuseWrongLengthsAndMissingIds() {
        RTPTestPackets.withView(RTPTestPackets.audio) { view in
            #expect(view.absSendTime(id: 3) == nil)
            #expect(view.transportSequenceNumber(id: 2) == nil)
            #expect(view.audioLevel(id: 2) == nil)
            #expect(view.absSendTime(id: 9) == nil)
            #expect(view.ridBytes(id: 9) == nil)
        }
    }

    @Test func ridAndEmptyValues() {
        RTPTestPackets.withView(RTPTestPackets.video) { view in
            #expect(view.ridBytes(id: 12).map(Array.init) == Array("abc".utf8))
            #expect(view.midBytes(id: 5) == nil)
        }
    }

    @Test func audioLevelWithoutVoice() {
        let level = RTPAudioLevel(wireByte: 0x7F)
        #expect(level.voiceActivity == false)
        #expect(level.level == 127)
    }
}

private extension String {
    /// Two hex digits of `value`, with a leading space.
    init(format value: Int) {
        let digits = Array("0123456789ABCDEF")
        self = " " + String(digits[value >> 4]) + String(digits[value & 0xF])
    }
}
