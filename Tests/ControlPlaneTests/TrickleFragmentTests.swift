import ControlPlane
import SDP
import Testing

/// RFC 8840 fragments as `PATCH …/publish` reads them.
@Suite("Trickle ICE fragments")
struct TrickleFragmentTests {
    @Test("credentials, candidates and end-of-candidates are read, with LF or CRLF endings")
    func reads() throws {
        for ending in ["\n", "\r\n"] {
            let text = [
                "a=ice-options:trickle", "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 0", "a=mid:0", "a=ice-ufrag:EsAw",
                "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1", "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0",
                "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ srflx raddr 192.0.2.1 rport 61764", "a=end-of-candidates",
            ].joined(separator: ending) + ending
            let fragment = try TrickleFragment.parse(text).get()
            #expect(fragment.iceUfrag == "EsAw")
            #expect(fragment.icePwd == "P2uYro0UCOQ4zxjKXaWCBui1")
            #expect(fragment.candidates.map(\.address) == ["192.0.2.1", "198.51.100.2"])
            #expect(fragment.candidates.map(\.port) == [61764, 61765])
            #expect(fragment.candidates[1].relatedPort == 61764)
            #expect(fragment.endOfCandidates)
        }
    }

    @Test("an empty fragment is fine (nothing to add)")
    func empty() throws {
        let fragment = try TrickleFragment.parse("").get()
        #expect(fragment.candidates.isEmpty && fragment.iceUfrag == nil && !fragment.endOfCandidates)
    }

    @Test("a bad line is reported with its 1-based number, blank lines counted", arguments: [
        ("a=mid:0\r\n\r\na=candidate:1 1 udp 1 192.0.2.1 port typ host\r\n", 3),
        ("a=mid:0\nnot a line\n", 2),
        ("x\n", 1),
        ("a=mid:0\na=ice-ufrag:ab\u{01}cd\n", 2),
    ])
    func badLine(text: String, line: Int) {
        guard case .failure(let error) = TrickleFragment.parse(text) else {
            Issue.record("\(text.debugDescription) parsed")
            return
        }
        #expect(error.line == line)
    }
}
