@testable import ServerConfig
import Testing

@Suite("Setting parsers")
struct SettingParsersTests {
    @Test("RFC 6750 bearer tokens", arguments: [
        ("dev-operator-key", true), ("a.b_c~d+e/f", true), ("abc==", true), ("Zz09", true),
        ("", false), ("=", false), ("a=b", false), ("with space", false), ("é", false), ("key,other", false),
    ])
    func bearerToken(text: String, valid: Bool) {
        #expect(SettingParsers.isBearerToken(text) == valid)
    }

    @Test("hosts: IP literals and RFC 1123 names", arguments: [
        ("127.0.0.1", true), ("::1", true), ("localhost", true), ("media-1.example.org", true),
        ("", false), ("-bad.example", false), ("bad-.example", false), ("a..b", false), ("under_score", false),
        (String(repeating: "a", count: 64) + ".example", false),
    ])
    func host(text: String, valid: Bool) {
        #expect(SettingParsers.isHost(text) == valid)
    }

    @Test("IP literals and the unspecified addresses")
    func ipAddresses() {
        #expect(SettingParsers.ipAddressBytes("192.0.2.1") == [192, 0, 2, 1])
        #expect(SettingParsers.ipAddressBytes("::1") == [UInt8](repeating: 0, count: 15) + [1])
        #expect(SettingParsers.ipAddressBytes("192.0.2") == nil)
        #expect(SettingParsers.ipAddressBytes("[::1]") == nil)
        #expect(SettingParsers.isUnspecifiedIPAddress("0.0.0.0"))
        #expect(SettingParsers.isUnspecifiedIPAddress("::"))
        #expect(!SettingParsers.isUnspecifiedIPAddress("127.0.0.1"))
    }

    @Test("HOST:PORT splitting")
    func hostPort() {
        #expect(SettingParsers.splitHostPort("127.0.0.1:8080")! == ("127.0.0.1", "8080"))
        #expect(SettingParsers.splitHostPort("[::1]:0")! == ("::1", "0"))
        #expect(SettingParsers.splitHostPort("localhost:")! == ("localhost", ""))
        #expect(SettingParsers.splitHostPort("8080") == nil)
        #expect(SettingParsers.splitHostPort("::1:8080") == nil)
        #expect(SettingParsers.splitHostPort("[::1]8080") == nil)
    }

    @Test("integers are plain decimal digits within range")
    func integers() {
        #expect(SettingParsers.integer("65535", in: 1...65535) == 65535)
        #expect(SettingParsers.integer("65536", in: 1...65535) == nil)
        #expect(SettingParsers.integer("+5", in: 1...9) == nil)
        #expect(SettingParsers.integer(" 5", in: 1...9) == nil)
        #expect(SettingParsers.integer("99999999999999999999999", in: 0...Int.max) == nil)
    }
}
