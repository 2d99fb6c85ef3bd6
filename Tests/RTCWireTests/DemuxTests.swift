import Testing
import RTCWire

@Suite("RFC 7983 demultiplexing")
struct DemuxTests {
    /// The class of each first byte as RFC 7983 §7 lists the ranges, with a second byte that
    /// makes a 128–191 first byte RTP.
    private static func expectedClass(firstByte: Int) -> PacketClass {
        if firstByte <= 3 { return .stun }
        if (16...19).contains(firstByte) { return .zrtp }
        if (20...63).contains(firstByte) { return .dtls }
        if (64...79).contains(firstByte) { return .turnChannel }
        if (128...191).contains(firstByte) { return .rtp }
        return .unknown
    }

    private static func classify(_ bytes: [UInt8]) -> PacketClass {
        bytes.withUnsafeBytes { PacketClass(classifying: $0) }
    }

    @Test func everyFirstByte() {
        for first in 0...255 {
            let actual = Self.classify([UInt8(first), 0x60, 0x00, 0x01])
            #expect(actual == Self.expectedClass(firstByte: first), "first byte \(first)")
        }
    }

    @Test func rtcpPacketTypesBySecondByte() {
        for second in 0...255 {
            let actual = Self.classify([0x80, UInt8(second)])
            let expected: PacketClass = (192...223).contains(second) ? .rtcp : .rtp
            #expect(actual == expected, "second byte \(second)")
        }
    }

    @Test func typicalPackets() {
        #expect(Self.classify([0x00, 0x01, 0x00, 0x00]) == .stun)  // Binding request
        #expect(Self.classify([0x01, 0x01, 0x00, 0x00]) == .stun)  // Binding success response
        #expect(Self.classify([0x16, 0xFE, 0xFD]) == .dtls)        // DTLS 1.2 handshake record
        #expect(Self.classify([0x17, 0xFE, 0xFD]) == .dtls)        // application data (SCTP)
        #expect(Self.classify([0x40, 0x00, 0x00, 0x10]) == .turnChannel)
        #expect(Self.classify(RTPTestPackets.audio) == .rtp)
        #expect(Self.classify(RTPTestPackets.video) == .rtp)       // M=1, PT 96: second byte 0xE0
        #expect(Self.classify([0x80, 0xC8, 0x00, 0x06]) == .rtcp)  // sender report (200)
        #expect(Self.classify([0x81, 0xCD, 0x00, 0x02]) == .rtcp)  // transport feedback (205)
        #expect(Self.classify([0x81, 0xCE, 0x00, 0x02]) == .rtcp)  // payload feedback (206)
    }

    @Test func shortInputs() {
        #expect(Self.classify([]) == .unknown)
        #expect(Self.classify([0x80]) == .unknown)
        #expect(Self.classify([0x00]) == .stun)
        #expect(Self.classify([0x16]) == .dtls)
    }
}
