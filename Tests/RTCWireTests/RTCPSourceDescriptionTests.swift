import Testing
import RTCWire

@Suite("RTCP SDES, BYE and APP")
struct RTCPSourceDescriptionTests {
    /// SDES, SC=2 (RFC 3550 §6.5): chunk 1 = SSRC, CNAME "user@host" (type 1, length 9), null
    /// = 16 bytes; chunk 2 = SSRC, NAME "ab", TOOL "x", null = 12 bytes. 4 + 28 = 32 bytes,
    /// length 7.
    static let twoChunks = RTCPTest.bytes("""
        82 CA 00 07
        11 22 33 44  01 09 75 73 65 72 40 68 6F 73 74 00
        55 66 77 88  02 02 61 62 06 01 78 00
        """)

    /// BYE, SC=2, reason "bye" (length octet 3): 4 + 8 + 4 = 16 bytes, length 3.
    static let goodbyeWithReason = RTCPTest.bytes("82 CB 00 03  01 02 03 04  05 06 07 08  03 62 79 65")

    /// APP, subtype 5, name "TEST", four data bytes: 16 bytes, length 3.
    static let application = RTCPTest.bytes("85 CC 00 03  CA FE BA BE  54 45 53 54  01 02 03 04")

    private struct Chunk: Equatable {
        let ssrc: UInt32
        let items: [Item]
    }

    private struct Item: Equatable {
        let type: UInt8
        let value: [UInt8]
    }

    private static func chunks(_ sdes: SourceDescription) -> [Chunk] {
        sdes.chunks.map { chunk in
            Chunk(ssrc: chunk.ssrc.rawValue, items: chunk.items.map { Item(type: $0.type.rawValue, value: Array($0.value)) })
        }
    }

    @Test func sourceDescriptionChunksAndItemsAreWalkedInPlace() {
        RTCPTest.withSinglePacket(Self.twoChunks) { packet in
            guard case .sourceDescription(let sdes) = packet else {
                Issue.record("not an SDES: \(packet)")
                return
            }
            #expect(Self.chunks(sdes) == [
                Chunk(ssrc: 0x1122_3344, items: [Item(type: 1, value: Array("user@host".utf8))]),
                Chunk(ssrc: 0x5566_7788, items: [Item(type: 2, value: Array("ab".utf8)), Item(type: 6, value: [0x78])]),
            ])
            // The CNAME text starts after header (4), SSRC (4), type and length (2).
            #expect(sdes.chunks.first(where: { _ in true })?.items.first(where: { _ in true })?.valueRange == 10..<19)
            #expect(sdes.chunks.map(\.offset) == [4, 20])
        }
    }

    @Test func builtCNAMEMatchesTheRFCLayout() {
        // "user@host" is 9 bytes: 4 + 4 + 2 + 9 + 1 null = 20 bytes, already a word multiple.
        let built = RTCPTest.build {
            SourceDescription.writeCNAME(into: $0, ssrc: SSRC(0x1122_3344), cname: "user@host".utf8)
        }
        #expect(built == RTCPTest.bytes("81 CA 00 04  11 22 33 44  01 09 75 73 65 72 40 68 6F 73 74 00"))
        // "abcd" is 4 bytes: 4 + 4 + 2 + 4 + 1 = 15, padded with nulls to 16.
        let padded = RTCPTest.build { SourceDescription.writeCNAME(into: $0, ssrc: SSRC(1), cname: "abcd".utf8) }
        #expect(padded == RTCPTest.bytes("81 CA 00 03  00 00 00 01  01 04 61 62 63 64 00 00"))
    }

    @Test func cnameRoundTripsForEveryLengthUpTo255() {
        for length in [0, 1, 2, 3, 4, 5, 100, 255] {
            let cname = (0..<length).map { UInt8(0x41 + $0 % 26) }
            guard let built = RTCPTest.build(capacity: 300, { SourceDescription.writeCNAME(into: $0, ssrc: SSRC(7), cname: cname) })
            else {
                Issue.record("CNAME of \(length) bytes was refused")
                continue
            }
            #expect(built.count % 4 == 0)
            RTCPTest.withSinglePacket(built) { packet in
                guard case .sourceDescription(let sdes) = packet else { return }
                #expect(Self.chunks(sdes) == [Chunk(ssrc: 7, items: [Item(type: 1, value: cname)])])
            }
        }
        #expect(RTCPTest.build { SourceDescription.writeCNAME(into: $0, ssrc: SSRC(7), cname: [UInt8](repeating: 0x41, count: 256)) } == nil)
    }

    @Test func sourceDescriptionWithoutTerminatorIsRejected() {
        // One chunk whose only item (type 1, length 2, "ab") is not followed by a null octet.
        let bytes = RTCPTest.bytes("81 CA 00 02  11 22 33 44  01 02 61 62")
        #expect(RTCPTest.firstError(bytes) == .truncatedBody(packetType: 202, needed: 13, available: 12))
    }

    @Test func sourceDescriptionItemPastThePacketIsRejected() {
        // Item length 9 announces 9 bytes of text, only 2 follow.
        let bytes = RTCPTest.bytes("81 CA 00 02  11 22 33 44  01 09 61 62")
        #expect(RTCPTest.firstError(bytes) != nil)
    }

    @Test func goodbyeListsSourcesAndReason() {
        RTCPTest.withSinglePacket(Self.goodbyeWithReason) { packet in
            guard case .goodbye(let bye) = packet else {
                Issue.record("not a BYE: \(packet)")
                return
            }
            #expect(Array(bye.ssrcs) == [SSRC(0x0102_0304), SSRC(0x0506_0708)])
            #expect(RTCPTest.array(bye.reason) == Array("bye".utf8))
        }
        RTCPTest.withSinglePacket(RTCPTest.bytes("81 CB 00 01  01 02 03 04")) { packet in
            guard case .goodbye(let bye) = packet else { return }
            #expect(Array(bye.ssrcs) == [SSRC(0x0102_0304)])
            #expect(bye.reason == nil)
        }
    }

    @Test func goodbyeBuildsAndRoundTrips() {
        let built = RTCPTest.build {
            Goodbye.write(into: $0, ssrcs: [SSRC(0x0102_0304), SSRC(0x0506_0708)], reason: Array("bye".utf8))
        }
        #expect(built == Self.goodbyeWithReason)
        // A 4-byte reason needs a length octet too: 5 bytes, padded to 8.
        let longer = RTCPTest.build { Goodbye.write(into: $0, ssrcs: [SSRC(1)], reason: Array("gone".utf8)) }
        #expect(longer == RTCPTest.bytes("81 CB 00 03  00 00 00 01  04 67 6F 6E 65 00 00 00"))
        RTCPTest.withSinglePacket(longer ?? []) { packet in
            guard case .goodbye(let bye) = packet else { return }
            #expect(RTCPTest.array(bye.reason) == Array("gone".utf8))
        }
        #expect(RTCPTest.build { Goodbye.write(into: $0, ssrcs: Array(repeating: SSRC(1), count: 32)) } == nil)
    }

    @Test func goodbyeReasonPastThePacketIsRejected() {
        // Reason length 7, but only 3 bytes follow the length octet.
        let bytes = RTCPTest.bytes("81 CB 00 02  01 02 03 04  07 61 62 63")
        #expect(RTCPTest.firstError(bytes) == .truncatedBody(packetType: 203, needed: 16, available: 12))
    }

    @Test func applicationDefinedFields() {
        RTCPTest.withSinglePacket(Self.application) { packet in
            guard case .applicationDefined(let app) = packet else {
                Issue.record("not an APP: \(packet)")
                return
            }
            #expect(app.subtype == 5)
            #expect(app.senderSSRC == SSRC(0xCAFE_BABE))
            #expect(app.name == 0x5445_5354)
            #expect(app.dataRange == 12..<16)
            #expect(Array(app.data) == [1, 2, 3, 4])
        }
    }

    @Test func applicationDefinedBuilds() {
        let built = RTCPTest.build {
            ApplicationDefined.write(into: $0, subtype: 5, senderSSRC: SSRC(0xCAFE_BABE), name: 0x5445_5354, data: [1, 2, 3, 4])
        }
        #expect(built == Self.application)
        #expect(RTCPTest.build { ApplicationDefined.write(into: $0, subtype: 5, senderSSRC: SSRC(1), name: 0, data: [1, 2, 3]) } == nil)
        #expect(RTCPTest.build { ApplicationDefined.write(into: $0, subtype: 32, senderSSRC: SSRC(1), name: 0, data: []) } == nil)
    }
}
