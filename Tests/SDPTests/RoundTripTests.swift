import RTCWire
import SDP
import Testing

/// parse → write → parse gives an equal model, and writing keeps every line of the fixtures.
@Suite struct RoundTripTests {
    @Test(arguments: Fixture.allCases)
    func parseWriteParseIsEqual(_ fixture: Fixture) throws {
        let offer = try #require(fixture.parsed())
        let written = SDPWriter.write(offer)
        let reparsed = try #require(parseOrRecord(written))
        #expect(reparsed == offer)
        #expect(SDPWriter.write(reparsed) == written)
    }

    /// Every line of the fixture appears in the output as many times as in the input, and no
    /// other line does (the writer may order lines within a section differently).
    @Test(arguments: Fixture.allCases)
    func writingKeepsEveryLine(_ fixture: Fixture) throws {
        let offer = try #require(fixture.parsed())
        let written = SDPWriter.write(offer)
        let outputLines = written.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(outputLines.last == "")
        #expect(counts(Array(outputLines.dropLast())) == counts(fixture.lines))
    }

    /// Within each section, the lines without a typed field keep their order.
    @Test(arguments: Fixture.allCases)
    func unknownAttributesKeepTheirOrder(_ fixture: Fixture) throws {
        let offer = try #require(fixture.parsed())
        let reparsed = try #require(parseOrRecord(SDPWriter.write(offer)))
        #expect(reparsed.attributes.otherAttributes == offer.attributes.otherAttributes)
        #expect(reparsed.media.map(\.otherAttributes) == offer.media.map(\.otherAttributes))
    }

    @Test func sectionsKeepTheirOrderAndLinesTheirSection() throws {
        let offer = try #require(Fixture.chromium.parsed())
        let written = SDPWriter.write(offer)
        let sections = written.components(separatedBy: "\r\nm=")
        #expect(sections.count == 4)
        #expect(sections[1].hasPrefix("audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n"))
        #expect(sections[1].contains("a=rtpmap:111 opus/48000/2\r\n"))
        #expect(sections[2].hasPrefix("video 9 "))
        #expect(sections[2].contains("a=rtpmap:45 AV1/90000\r\n"))
        #expect(sections[3].hasPrefix("application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"))
        #expect(sections[0].hasPrefix("v=0\r\no=- 947278912726756986 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"))
    }

    @Test func writerUsesCRLFOnly() throws {
        let written = SDPWriter.write(try #require(Fixture.firefox.parsed()))
        let bytes = Array(written.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        #expect(written.hasSuffix("\r\n"))
    }

    @Test func lfOnlyInputParsesToTheSameModel() throws {
        let crlf = try #require(Fixture.aiortc.parsed())
        let lf = try #require(parseOrRecord(Fixture.aiortc.text.replacingOccurrences(of: "\r\n", with: "\n")))
        #expect(lf == crlf)
    }

    @Test func builtModelWritesTheExpectedText() {
        var media = MediaDescription(kind: .audio, port: 9, proto: "UDP/TLS/RTP/SAVPF", formats: ["111", "0"])
        media.mid = Mid("a0")
        media.direction = .recvonly
        media.rtcpMux = true
        media.codecs = [Codec(
            payloadType: PayloadType(rawValue: 111)!, rtpmap: RTPMap(encodingName: "opus", clockRate: 48000, channels: 2),
            parameters: FormatParameters(rawValue: "minptime=10"), feedback: [.transportWideCC]
        )]
        media.otherAttributes = [Attribute(name: "x-custom", value: "1"), Attribute(name: "x-flag")]
        let session = SessionDescription(
            origin: Origin(sessionID: "42", sessionVersion: 3),
            attributes: SessionAttributes(groups: [MediaGroup(semantics: "BUNDLE", mids: [Mid("a0")!])], iceLite: true),
            media: [media]
        )
        #expect(SDPWriter.write(session) == """
            v=0\r
            o=- 42 3 IN IP4 0.0.0.0\r
            s=-\r
            t=0 0\r
            a=ice-lite\r
            a=group:BUNDLE a0\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r
            a=mid:a0\r
            a=recvonly\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=rtcp-fb:111 transport-cc\r
            a=fmtp:111 minptime=10\r
            a=x-custom:1\r
            a=x-flag\r

            """)
    }

    private func counts(_ lines: [String]) -> [String: Int] {
        lines.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
