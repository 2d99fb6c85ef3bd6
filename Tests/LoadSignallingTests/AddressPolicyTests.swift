import LoadModel
import LoadSignalling
import RTCWire
import Testing

@Suite struct AddressPolicyTests {
    @Test func loopbackAllowsOnlyLoopback() {
        #expect(AddressPolicy.loopback.allows(.ipv4(address: 0x7F00_0001, port: 5000)))
        #expect(!AddressPolicy.loopback.allows(.ipv4(address: 0xC000_0201, port: 5000)))
        #expect(!AddressPolicy.loopback.allows(.ipv6(high: 0, low: 1, port: 5000)))
    }

    @Test func urlHostAndExtrasAreAllowedBesideLoopback() throws {
        let policy = try AddressPolicy(url: "http://192.0.2.10:8080", extraAllowed: ["198.51.100.7"])
        #expect(policy.allowedIPv4 == [0x7F00_0001, 0xC000_020A, 0xC633_6407])
    }

    @Test func namesAreNotResolved() throws {
        #expect(try AddressPolicy(url: "http://localhost:8080", extraAllowed: []).allowedIPv4 == [0x7F00_0001])
        #expect(try AddressPolicy(url: "http://media.example:8080", extraAllowed: []).allowedIPv4 == [0x7F00_0001])
    }

    @Test(arguments: ["256.0.0.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "a.b.c.d", "1..2.3", "", "::1"])
    func extrasMustBeIPv4Literals(extra: String) {
        #expect(throws: SignallingError.self) { try AddressPolicy(url: "http://127.0.0.1:8080", extraAllowed: [extra]) }
    }
}
