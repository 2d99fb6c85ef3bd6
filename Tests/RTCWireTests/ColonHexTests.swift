import RTCWire
import Testing

@Suite("Colon-separated hex")
struct ColonHexTests {
    @Test("encodes upper case with colons and decodes either case back")
    func roundTrip() {
        #expect(ColonHex.encode([0x00, 0xAB, 0x0F, 0xFF]) == "00:AB:0F:FF")
        #expect(ColonHex.decode("00:ab:0F:fF") == [0x00, 0xAB, 0x0F, 0xFF])
        #expect(ColonHex.decode("7E") == [0x7E])
        let bytes = (0...255).map { UInt8($0) }
        #expect(ColonHex.decode(ColonHex.encode(bytes)) == bytes)
    }

    @Test("refuses what is not hex pairs joined by single colons",
          arguments: ["", "A", "ABC", "AB:", ":AB", "AB::CD", "AB-CD", "G0", "AB:C", "AB CD"])
    func refuses(text: String) {
        #expect(ColonHex.decode(text) == nil)
    }
}
