import SDP
import Testing

/// Garbled SDP fails with the line number, the line and what is wrong (the API's 400).
@Suite struct ParseErrorTests {
    private let minimal = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"

    /// The 1-based number of the first line of `text` equal to `line`.
    private func lineNumber(of line: String, in text: String) -> Int {
        (text.components(separatedBy: "\r\n").firstIndex(of: line) ?? -1) + 1
    }

    @Test func rtpmapErrorNamesLineAndSyntax() throws {
        let text = minimal + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:abc\r\n"
        let error = try #require(parseError(text))
        #expect(error.line == 7)
        #expect(error.text == "a=rtpmap:abc")
        #expect(error.description == #"line 7 "a=rtpmap:abc": expected "<payload type> <encoding>/<clock rate>[/<channels>]""#)
    }

    @Test func emptyInputAndMissingVersion() throws {
        #expect(parseError("") == SDPError(line: 1, text: "", problem: .missingVersion))
        #expect(parseError("\r\n\r\n") == SDPError(line: 1, text: "", problem: .missingVersion))
        let noVersion = String(minimal.dropFirst(4)) // "\r\n" is one Character
        #expect(parseError(noVersion) == SDPError(line: 1, text: "o=- 1 1 IN IP4 0.0.0.0", problem: .missingVersion))
        #expect(parseError("v=1\r\n" + noVersion)?.problem == .unsupportedVersion)
        #expect(parseError(minimal + "v=0\r\n") == SDPError(line: 5, text: "v=0", problem: .duplicate("v= line")))
    }

    @Test func missingSessionLinesAreReportedAtTheFirstMediaLine() throws {
        let withoutTiming = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n"
        #expect(parseError(withoutTiming) == SDPError(line: 4, text: "m=audio 9 UDP/TLS/RTP/SAVPF 0", problem: .missingLine("t=")))
        #expect(parseError("v=0\r\ns=-\r\nt=0 0\r\n")?.problem == .missingLine("o="))
        #expect(parseError("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\n")?.problem == .missingLine("s="))
        #expect(parseError(minimal + "o=- 2 2 IN IP4 0.0.0.0\r\n")?.problem == .duplicate("o= line"))
        #expect(parseError("v=0\r\no=- 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")?.line == 2)
        #expect(parseError("v=0\r\no=- 1 x IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")?.problem
            == .numberOutOfRange(field: "session version", range: "0–18446744073709551615"))
    }

    @Test(arguments: [
        ("m=video abc UDP/TLS/RTP/SAVPF 96", SDPProblem.numberOutOfRange(field: "port", range: "0–65535")),
        ("m=video 70000 UDP/TLS/RTP/SAVPF 96", SDPProblem.numberOutOfRange(field: "port", range: "0–65535")),
        ("m=video 9 UDP/TLS/RTP/SAVPF", SDPProblem.expected("m=<media> <port>[/<count>] <proto> <format> *(<format>)")),
        ("m=video 9 UDP//SAVPF 96", SDPProblem.expected("m=<media> <port>[/<count>] <proto> <format> *(<format>)")),
        ("m=audio 9 UDP/TLS/RTP/SAVPF 111 opus", SDPProblem.numberOutOfRange(field: "payload type", range: "0–127")),
        ("m=audio 9 UDP/TLS/RTP/SAVPF 128", SDPProblem.numberOutOfRange(field: "payload type", range: "0–127")),
        ("m=audio 9/x RTP/AVP 0", SDPProblem.numberOutOfRange(field: "number of ports", range: "0–65535")),
    ])
    func badMediaLines(_ line: String, _ problem: SDPProblem) {
        #expect(parseError(minimal + line + "\r\n") == SDPError(line: 5, text: line, problem: problem))
    }

    @Test(arguments: [
        ("a=rtpmap:111 opus/fast/2", SDPProblem.numberOutOfRange(field: "clock rate", range: "1–4294967295")),
        ("a=rtpmap:111 opus/48000/0", SDPProblem.numberOutOfRange(field: "channels", range: "1–65535")),
        ("a=rtpmap:300 opus/48000", SDPProblem.numberOutOfRange(field: "payload type", range: "0–127")),
        ("a=fmtp:111", SDPProblem.expected("<payload type> <parameters>")),
        ("a=rtcp-fb:111", SDPProblem.expected("<payload type|*> <type> [<parameter>]")),
        ("a=sctp-port:70000", SDPProblem.numberOutOfRange(field: "sctp-port", range: "0–65535")),
        ("a=max-message-size:big", SDPProblem.numberOutOfRange(field: "max-message-size", range: "0–18446744073709551615")),
        ("a=setup:sometimes", SDPProblem.expected("active|passive|actpass|holdconn")),
        ("a=rtcp-mux:yes", SDPProblem.expected("rtcp-mux")),
        ("a=mid:", SDPProblem.expected("<mid>")),
        ("a=ice-ufrag:a b", SDPProblem.expected("<username fragment>")),
        ("a=candidate:1 1 udp 1 10.0.0.1 70000 typ host", SDPProblem.numberOutOfRange(field: "candidate port", range: "0–65535")),
        ("a=ssrc:x cname:y", SDPProblem.numberOutOfRange(field: "ssrc", range: "0–4294967295")),
        ("o=- 1 1 IN IP4 0.0.0.0", SDPProblem.misplacedLine("o= inside a media section")),
        ("x=1", SDPProblem.expected("a line type of m i c b k a")),
        ("hello", SDPProblem.expected("<type letter>=<value>")),
        ("c=IN IP4 127.0.0.1", SDPProblem.duplicate("c= line")),
        ("b=AS:lots", SDPProblem.numberOutOfRange(field: "bandwidth", range: "0–18446744073709551615")),
    ])
    func badMediaAttributes(_ line: String, _ problem: SDPProblem) {
        let text = minimal + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n" + line + "\r\n"
        #expect(parseError(text) == SDPError(line: 7, text: line, problem: problem))
    }

    @Test func badFingerprintInAFixtureNamesItsLine() throws {
        let good = "a=fingerprint:sha-256 BA:08:83:28:88:08:31:27:A6:5F:BB:44:10:B9:BA:28:08:DE:1F:0A:F1:BA:23:B1:29:45:F8:EB:56:26:B2:F0"
        let bad = "a=fingerprint:sha-256 BA:08:83:28:88:08:31:27:A6:5F:BB:44:10:B9:BA:28:08:DE:1F:0A:F1:BA:23:B1:29:45:F8:EB:56:26:B2"
        let text = Fixture.aiortc.text
        let expectedLine = lineNumber(of: good, in: text)
        #expect(expectedLine == 43) // as `grep -n` counts it in the file
        let truncated = replacing(good, with: bad, in: text)
        #expect(parseError(truncated) == SDPError(line: 43, text: bad, problem: .invalidFingerprint("sha-256 needs 32 bytes, got 31")))
        let notHex = replacing(good, with: good.replacingOccurrences(of: "BA:08", with: "ZZ:08"), in: text)
        #expect(parseError(notHex)?.problem == .invalidFingerprint("expected hex pairs separated by colons"))
        #expect(parseError(notHex)?.line == 43)
    }

    @Test func duplicatesThatMayAppearOnceAreRefused() throws {
        let text = Fixture.chromium.text
        let secondMid = replacing("a=mid:1", with: "a=mid:0", in: text)
        let error = try #require(parseError(secondMid))
        #expect(error.line == lineNumber(of: "a=mid:1", in: text))
        #expect(error.problem == .duplicate("mid 0 (another media section has it)"))

        let twoSetups = replacing("a=mid:2\r\n", with: "a=mid:2\r\na=setup:active\r\n", in: text)
        #expect(parseError(twoSetups)?.problem == .duplicate("a=setup"))
        let twoRtpmaps = replacing("a=rtpmap:9 G722/8000\r\n", with: "a=rtpmap:9 G722/8000\r\na=rtpmap:9 G722/16000\r\n", in: text)
        #expect(parseError(twoRtpmaps)?.problem == .duplicate("a=rtpmap for payload type 9"))
        let twoExtmaps = replacing("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=sendrecv", with: "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:4 urn:x\r\na=sendrecv", in: text)
        #expect(parseError(twoExtmaps)?.problem == .duplicate("extmap id 4"))
        let twoDirections = replacing("a=mid:2\r\n", with: "a=mid:2\r\na=inactive\r\na=sendonly\r\n", in: text)
        #expect(parseError(twoDirections)?.problem == .duplicate("direction attribute"))
    }

    @Test func controlCharactersAreRefused() throws {
        let error = try #require(parseError(minimal + "a=tool:x\u{1}y\r\n"))
        #expect(error.line == 5)
        #expect(error.problem == .controlCharacter(1))
        #expect(error.description == #"line 5 "a=tool:x\#u{1}y": control character 0x01 is not allowed"#)
        #expect(parseError(minimal + "a=tool:x\ry\r\n")?.problem == .controlCharacter(0x0D))
    }

    @Test func malformedConnectionLine() {
        #expect(parseError(minimal + "c=IN IP4\r\n") == SDPError(line: 5, text: "c=IN IP4", problem: .expected("c=<nettype> <addrtype> <connection address>")))
    }

    @Test func longLinesAreShortenedInTheMessage() throws {
        let long = "a=rtpmap:" + String(repeating: "9", count: 300)
        let error = try #require(parseError(minimal + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n" + long + "\r\n"))
        #expect(error.text == long)
        #expect(error.description.count < 250)
    }
}
