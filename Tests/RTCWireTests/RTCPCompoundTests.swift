import Testing
import RTCWire

@Suite("RTCP compound packets")
struct RTCPCompoundTests {
    /// XR (207, RFC 3611) with only its sender SSRC: not parsed here, passed through.
    static let extendedReport = RTCPTest.bytes("80 CF 00 01  12 34 56 78")
    /// TMMBR (RTPFB FMT 3, RFC 5104 §4.2.1): an FMT not parsed here.
    static let tmmbr = RTCPTest.bytes("83 CD 00 04  0A 0B 0C 0D  00 00 00 00  11 11 11 11  04 00 00 28")

    private static func kinds(_ results: [Result<RTCPPacket, RTCPParseError>]) -> [String] {
        results.map { result in
            switch result {
            case .failure(let error): "error: \(error)"
            case .success(.senderReport): "SR"
            case .success(.receiverReport): "RR"
            case .success(.sourceDescription): "SDES"
            case .success(.goodbye): "BYE"
            case .success(.applicationDefined): "APP"
            case .success(.genericNack): "NACK"
            case .success(.transportWideFeedback): "TWCC"
            case .success(.pictureLossIndication): "PLI"
            case .success(.fullIntraRequest): "FIR"
            case .success(.receiverEstimatedMaxBitrate): "REMB"
            case .success(.other(let raw)): "other \(raw.header.packetType)/\(raw.header.count)"
            }
        }
    }

    @Test func compoundYieldsEveryPacketInOrder() {
        let compound = RTCPReportTests.senderReport + RTCPSourceDescriptionTests.twoChunks
            + RTCPFeedbackTests.genericNack + Self.extendedReport + RTCPFeedbackTests.remb
            + RTCPTransportWideFeedbackTests.feedback + Self.tmmbr + RTCPFeedbackTests.pictureLoss
            + RTCPFeedbackTests.fullIntraRequest + RTCPSourceDescriptionTests.application
            + RTCPSourceDescriptionTests.goodbyeWithReason
        RTCPTest.withPackets(compound) { results in
            #expect(Self.kinds(results) == ["SR", "SDES", "NACK", "other 207/0", "REMB", "TWCC", "other 205/3",
                                            "PLI", "FIR", "APP", "BYE"])
            guard results.count == 11, case .success(.receiverEstimatedMaxBitrate(let remb)) = results[4] else { return }
            #expect(remb.bitrate == 1_600_000)
        }
    }

    @Test func paddingOnTheLastPacketIsStripped() {
        // RR without blocks, P set, 4 bytes of padding (count 4): 12 bytes, length 2.
        let padded = RTCPTest.bytes("A0 C9 00 02  0A 0B 0C 0D  00 00 00 04")
        RTCPTest.withPackets(RTCPReportTests.senderReport + padded) { results in
            #expect(Self.kinds(results) == ["SR", "RR"])
            guard case .success(.receiverReport(let report))? = results.last else { return }
            #expect(report.raw.header.hasPadding)
            #expect(report.raw.header.packetSize == 12)
            #expect(report.raw.bytes.count == 8)
            #expect(report.senderSSRC == SSRC(0x0A0B_0C0D))
        }
    }

    @Test func paddedPacketBeforeTheLastIsAcceptedAsLibwebrtcSendsIt() {
        // A TWCC with P set and its padding count (3) in its last byte, then a PLI.
        var twcc = RTCPTransportWideFeedbackTests.feedback
        twcc[0] |= 0x20
        twcc[twcc.count - 1] = 3
        RTCPTest.withPackets(twcc + RTCPFeedbackTests.pictureLoss) { results in
            #expect(Self.kinds(results) == ["TWCC", "PLI"])
            guard case .success(.transportWideFeedback(let feedback))? = results.first else { return }
            #expect(feedback.raw.bytes.count == 41)
            #expect(Array(feedback.packetResults) == RTCPTransportWideFeedbackTests.feedbackResults)
        }
    }

    @Test(arguments: [
        // Padding count 0.
        ("A0 C9 00 01  0A 0B 0C 00", RTCPParseError.invalidPadding(count: 0, packetSize: 8)),
        // Padding count 5 reaches into the 4-byte header of an 8-byte packet.
        ("A0 C9 00 01  0A 0B 0C 05", RTCPParseError.invalidPadding(count: 5, packetSize: 8)),
        // Padding count 4 is allowed but leaves no room for the RR's SSRC.
        ("A0 C9 00 01  0A 0B 0C 04", RTCPParseError.truncatedBody(packetType: 201, needed: 8, available: 4)),
        // Version 1.
        ("40 C9 00 01  0A 0B 0C 0D", RTCPParseError.unsupportedVersion(1)),
        // Version 3.
        ("C0 C9 00 01  0A 0B 0C 0D", RTCPParseError.unsupportedVersion(3)),
        // Length 5 announces 24 bytes, 8 present.
        ("80 C9 00 05  0A 0B 0C 0D", RTCPParseError.lengthBeyondBuffer(declared: 24, available: 8)),
        // Three bytes cannot hold a header.
        ("80 C9 00", RTCPParseError.truncatedHeader(offset: 0, available: 3)),
        // RR with RC=1 but no block: needs 8 + 24.
        ("81 C9 00 01  0A 0B 0C 0D", RTCPParseError.truncatedBody(packetType: 201, needed: 32, available: 8)),
        // SR too short for its sender info.
        ("80 C8 00 01  0A 0B 0C 0D", RTCPParseError.truncatedBody(packetType: 200, needed: 28, available: 8)),
        // PLI without its media SSRC.
        ("81 CE 00 01  0A 0B 0C 0D", RTCPParseError.truncatedBody(packetType: 206, needed: 12, available: 8)),
        // FIR without an entry.
        ("84 CE 00 02  0A 0B 0C 0D  00 00 00 00", RTCPParseError.truncatedBody(packetType: 206, needed: 20, available: 12)),
        // APP without its name.
        ("80 CC 00 01  0A 0B 0C 0D", RTCPParseError.truncatedBody(packetType: 204, needed: 12, available: 8)),
    ])
    func malformedPacketsAreRejected(hex: String, expected: RTCPParseError) {
        #expect(RTCPTest.firstError(RTCPTest.bytes(hex)) == expected)
    }

    @Test func iterationStopsAtTheFirstMalformedPacket() {
        let badVersion = RTCPTest.bytes("40 C9 00 01  0A 0B 0C 0D")
        RTCPTest.withPackets(RTCPFeedbackTests.pictureLoss + badVersion + RTCPFeedbackTests.pictureLoss) { results in
            #expect(Self.kinds(results) == ["PLI", "error: RTCP version 1 is not 2"])
        }
        // Two stray bytes after a valid packet: the error names where they start.
        RTCPTest.withPackets(RTCPFeedbackTests.pictureLoss + [0x80, 0xC9]) { results in
            #expect(results.count == 2)
            guard case .failure(let error)? = results.last else { return }
            #expect(error == .truncatedHeader(offset: 12, available: 2))
        }
    }

    @Test func emptyBufferYieldsNothing() {
        RTCPTest.withPackets([]) { results in #expect(results.isEmpty) }
    }

    @Test func headerFieldsAreReadFromTheFirstWord() {
        // V=2, P=1, count 17, PT 206, length 0x0102.
        let bytes = RTCPTest.bytes("B1 CE 01 02")
        let header = bytes.withUnsafeBytes { RTCPHeader.parse($0) }
        guard case .success(let parsed) = header else { return }
        #expect(parsed.hasPadding)
        #expect(parsed.count == 17)
        #expect(parsed.packetType == .payloadSpecificFeedback)
        #expect(parsed.length == 0x0102)
        #expect(parsed.packetSize == 259 * 4)
    }
}
