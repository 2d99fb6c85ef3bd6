import LoadModel
import LoadSignalling
import Testing

@Suite struct HTTPEndpointTests {
    @Test func readsHostPortAndBasePath() throws {
        let janus = try HTTPEndpoint(url: "http://127.0.0.1:8088/janus/")
        #expect(janus.host == "127.0.0.1")
        #expect(janus.port == 8088)
        #expect(janus.basePath == "/janus")
        #expect(janus.description == "http://127.0.0.1:8088/janus")

        let switchboard = try HTTPEndpoint(url: "HTTP://media.example:8080")
        #expect(switchboard.host == "media.example")
        #expect(switchboard.basePath == "")

        let defaults = try HTTPEndpoint(url: "http://localhost?x=1")
        #expect(defaults.port == 80)
        #expect(defaults.basePath == "")

        let ipv6 = try HTTPEndpoint(url: "http://[::1]:9000/api")
        #expect(ipv6.host == "::1")
        #expect(ipv6.port == 9000)
        #expect(ipv6.description == "http://[::1]:9000/api")
    }

    @Test(arguments: ["https://127.0.0.1:8080", "127.0.0.1:8080", "http://", "http://:80", "http://host:0",
                      "http://host:65536", "http://host:x", "http://[::1", "http://[::1]x", "http://user@host"])
    func refusesWhatItCannotUse(url: String) {
        #expect(throws: SignallingError.self) { try HTTPEndpoint(url: url) }
    }
}
