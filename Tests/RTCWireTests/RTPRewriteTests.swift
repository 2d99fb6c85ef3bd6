import Testing
import RTCWire

@Suite("RTP rewrite in place")
struct RTPRewriteTests {
    @Test func headerFieldsRewriteAndReparse() {
        var bytes = RTPTestPackets.video
        RTPTestPackets.withPacket(&bytes) { packet in
            packet.ssrc = SSRC(0x0102_0304)
            packet.sequenceNumber = SequenceNumber(0xFFFE)
            packet.timestamp = 0x0A0B_0C0D
            packet.payloadType = PayloadType(truncating: 100)
            #expect(packet.marker == true)
            #expect(packet.view.ssrc == SSRC(0x0102_0304))
        }
        // Fixed header now: B2 (unchanged), E4 (M=1, PT=100), FF FE, 0A 0B 0C 0D, 01 02 03 04.
        #expect(Array(bytes[0..<12]) == RTPTestPackets.bytes("B2 E4 FF FE 0A 0B 0C 0D 01 02 03 04"))
        // Everything after the fixed header is untouched.
        #expect(bytes[12...] == RTPTestPackets.video[12...])
        RTPTestPackets.withView(bytes) { view in
            #expect(view.payloadType.rawValue == 100)
            #expect(view.sequenceNumber.rawValue == 0xFFFE)
            #expect(view.payloadRange == 36..<41)
            #expect(view.csrc(at: 1) == SSRC(3_405_691_582))
        }
    }

    @Test func markerAndPayloadTypeAreIndependent() {
        var bytes = RTPTestPackets.audio
        RTPTestPackets.withPacket(&bytes) { packet in
            packet.marker = true
            #expect(packet.payloadType.rawValue == 111)
            packet.payloadType = PayloadType(truncating: 0)
            #expect(packet.marker == true)
            packet.marker = false
            #expect(packet.payloadType.rawValue == 0)
        }
        #expect(bytes[1] == 0x00)
        var other = RTPTestPackets.audio
        RTPTestPackets.withPacket(&other) { packet in packet.marker = true }
        #expect(other[1] == 0xEF)
    }

    @Test func overwriteExtensionOfTheSameLength() {
        var bytes = RTPTestPackets.audio
        RTPTestPackets.withPacket(&bytes) { packet in
            let replaced = [UInt8](arrayLiteral: 0xAA, 0xBB, 0xCC).withUnsafeBytes { packet.overwriteExtension(id: 2, with: $0) }
            #expect(replaced)
            #expect(packet.view.absSendTime(id: 2) == 0xAABBCC)
        }
        #expect(Array(bytes[19..<22]) == [0xAA, 0xBB, 0xCC])
        #expect(bytes[18] == 0x22)
    }

    @Test func overwriteRefusesOtherLengthsAndMissingIds() {
        var bytes = RTPTestPackets.audio
        RTPTestPackets.withPacket(&bytes) { packet in
            let tooLong = [UInt8](repeating: 0xEE, count: 4).withUnsafeBytes { packet.overwriteExtension(id: 2, with: $0) }
            let missing = [UInt8](repeating: 0xEE, count: 1).withUnsafeBytes { packet.overwriteExtension(id: 9, with: $0) }
            #expect(!tooLong)
            #expect(!missing)
        }
        #expect(bytes == RTPTestPackets.audio)
    }

    @Test func typedSetters() {
        var bytes = RTPTestPackets.audio
        RTPTestPackets.withPacket(&bytes) { packet in
            #expect(packet.setAbsSendTime(0x12AB_CDEF, id: 2))
            #expect(packet.setTransportSequenceNumber(0xBEEF, id: 3))
            #expect(!packet.setAbsSendTime(1, id: 3))
            #expect(!packet.setTransportSequenceNumber(1, id: 2))
            #expect(!packet.setTransportSequenceNumber(1, id: 7))
        }
        #expect(Array(bytes[19..<25]) == [0xAB, 0xCD, 0xEF, 0x31, 0xBE, 0xEF])
    }

    // MARK: Extension ID remapping

    @Test func oneByteRemapRenamesInOnePass() {
        // Swap 2 and 3 (a naive one-ID-at-a-time remap would rename 2 → 3 → 2).
        var bytes = RTPTestPackets.audio
        let map = RTPExtensionIDMap([1: 5, 2: 3, 3: 2, 4: 14])!
        RTPTestPackets.withPacket(&bytes) { packet in packet.remapExtensionIDs(map) }
        // Each header keeps its length nibble: 10 → 50, 22 → 32, 31 → 21, 40 → E0.
        #expect(Array(bytes[16..<28]) == RTPTestPackets.bytes("50 D5 32 01 02 03 21 00 2A E0 30 00"))
        RTPTestPackets.withView(bytes) { view in
            #expect(view.audioLevel(id: 5)?.level == 85)
            #expect(view.absSendTime(id: 3) == 66051)
            #expect(view.transportSequenceNumber(id: 2) == 42)
            #expect(view.midBytes(id: 14).map(Array.init) == [0x30])
        }
    }

    @Test func oneByteRemapErasesUnmappedAndUnencodableIds() {
        // 2 is unmapped, 3 maps to 15 (not encodable in the one-byte form), 4 maps to 200.
        var bytes = RTPTestPackets.audio
        let map = RTPExtensionIDMap([1: 1, 3: 15, 4: 200])!
        RTPTestPackets.withPacket(&bytes) { packet in packet.remapExtensionIDs(map) }
        #expect(Array(bytes[16..<28]) == RTPTestPackets.bytes("10 D5 00 00 00 00 00 00 00 00 00 00"))
        #expect(bytes[28...] == RTPTestPackets.audio[28...])
        RTPTestPackets.withView(bytes) { view in
            #expect(RTPTestPackets.elements(view).map(\.id) == [1])
            #expect(view.payloadRange == 28..<40)
        }
    }

    @Test func twoByteRemap() {
        // 5 → 1, 12 → 200, 240 unmapped (erased).
        var bytes = RTPTestPackets.video
        let map = RTPExtensionIDMap([5: 1, 12: 200])!
        RTPTestPackets.withPacket(&bytes) { packet in packet.remapExtensionIDs(map) }
        #expect(Array(bytes[20..<36]) == RTPTestPackets.bytes("10 07 00 03  01 00  00  C8 03 61 62 63  00 00 00 00"))
        RTPTestPackets.withView(bytes) { view in
            let elements = RTPTestPackets.elements(view)
            #expect(elements.map(\.id) == [1, 200])
            #expect(elements.map(\.data) == [[], [0x61, 0x62, 0x63]])
            #expect(view.paddingLength == 3)
        }
    }

    @Test func emptyMapErasesEveryElement() {
        var bytes = RTPTestPackets.video
        RTPTestPackets.withPacket(&bytes) { packet in packet.remapExtensionIDs(RTPExtensionIDMap()) }
        #expect(bytes[24..<36].allSatisfy { $0 == 0 })
        RTPTestPackets.withView(bytes) { view in #expect(Array(view.extensions).isEmpty) }
    }

    @Test func otherProfilesAreLeftAlone() {
        let original = RTPTestPackets.bytes("90 00 00 00 00 00 00 00 00 00 00 01 AB CD 00 01 12 34 56 78")
        var bytes = original
        RTPTestPackets.withPacket(&bytes) { packet in packet.remapExtensionIDs(RTPExtensionIDMap()) }
        #expect(bytes == original)
    }

    @Test func idMapRejectsThePaddingId() {
        #expect(RTPExtensionIDMap([0: 1]) == nil)
        #expect(RTPExtensionIDMap([1: 0]) == nil)
        #expect(RTPExtensionIDMap([255: 255])?.target(for: 255) == 255)
        #expect(RTPExtensionIDMap([3: 4])?.target(for: 4) == nil)
    }
}
