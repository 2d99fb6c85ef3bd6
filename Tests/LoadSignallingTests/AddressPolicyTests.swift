import LoadSignalling
import RTCWire
import Testing

@Suite struct AddressPolicyTests {
    @Test func loopbackAllowsOnlyLoopback() {
        #expect(AddressPolicy.loopback.allows(.ipv4(address: 0x7F00_0001, port: 5000)))
        #expect(!AddressPolicy.loopback.allows(.ipv4(address: 0xC000_0201, port: 5000)))
        #expect(!AddressPolicy.loopback.allows(.ipv6(high: 0, low: 1, port: 5000)))
    }
}
