import RTCWire
import SDP
import Testing

/// The typed attributes against their RFC grammars, one by one.
@Suite struct AttributeGrammarTests {
    // MARK: candidate (RFC 8839 §5.1)

    @Test func chromiumTrickleCandidateKeepsItsExtensions() throws {
        let candidate = try Candidate(parsing: "1160438246 1 udp 2122260223 192.168.92.78 52133 typ host generation 0 network-id 1 network-cost 10")
        #expect(candidate.foundation == "1160438246")
        #expect(candidate.priority == 2122260223)
        #expect(candidate.type == .host)
        #expect(candidate.relatedAddress == nil)
        #expect(candidate.extensions.map(\.name) == ["generation", "network-id", "network-cost"])
        #expect(candidate.extensionValue("network-cost") == "10")
    }

    @Test func relayCandidateWithRelatedAddressAndUfrag() throws {
        let candidate = try Candidate(parsing: "750991856 2 udp 25108222 237.30.30.30 51472 typ relay raddr 47.61.61.61 rport 54763 generation 0 ufrag PWwO")
        #expect(candidate.component == 2)
        #expect(candidate.type == .relay)
        #expect(candidate.relatedAddress == "47.61.61.61")
        #expect(candidate.relatedPort == 54763)
        #expect(candidate.extensionValue("ufrag") == "PWwO")
    }

    @Test func unknownCandidateTypeIsKept() throws {
        let candidate = try Candidate(parsing: "1 1 udp 1 10.0.0.1 1 typ future")
        #expect(candidate.type == .other("future"))
    }

    @Test(arguments: [
        "1 1 udp 2122260223 192.168.92.78 52133 host",          // no "typ"
        "1 1 udp 2122260223 192.168.92.78 52133 typ",           // no type
        "1 1 udp 2122260223 192.168.92.78 52133 typ host generation", // extension without value
        "fo_o 1 udp 1 10.0.0.1 1 typ host",                     // "_" is not an ice-char
    ])
    func malformedCandidatesAreRefused(_ value: String) {
        #expect(throws: SDPProblem.expected(Candidate.syntaxForTests)) { try Candidate(parsing: value[...]) }
    }

    @Test func candidateNumbersAreRangeChecked() {
        #expect(throws: SDPProblem.numberOutOfRange(field: "candidate port", range: "0–65535")) {
            try Candidate(parsing: "1 1 udp 1 10.0.0.1 65536 typ host")
        }
        #expect(throws: SDPProblem.numberOutOfRange(field: "candidate priority", range: "0–4294967295")) {
            try Candidate(parsing: "1 1 udp 4294967296 10.0.0.1 1 typ host")
        }
        #expect(throws: SDPProblem.numberOutOfRange(field: "candidate component", range: "1–256")) {
            try Candidate(parsing: "1 0 udp 1 10.0.0.1 1 typ host")
        }
    }

    // MARK: fingerprint (RFC 8122)

    @Test func fingerprintLengthsFollowTheHashFunction() throws {
        let pairs = { (count: Int) in Array(repeating: "AB", count: count).joined(separator: ":") }
        #expect(try Fingerprint(parsing: "sha-256 \(pairs(32))"[...]).bytes.count == 32)
        #expect(try Fingerprint(parsing: "sha-384 \(pairs(48))"[...]).bytes.count == 48)
        #expect(try Fingerprint(parsing: "sha-512 \(pairs(64))"[...]).bytes.count == 64)
        #expect(try Fingerprint(parsing: "sha-1 \(pairs(20))"[...]).algorithm == .sha1)
        #expect(throws: SDPProblem.invalidFingerprint("sha-256 needs 32 bytes, got 31")) {
            try Fingerprint(parsing: "sha-256 \(pairs(31))"[...])
        }
        #expect(throws: SDPProblem.invalidFingerprint("sha-512 needs 64 bytes, got 48")) {
            try Fingerprint(parsing: "sha-512 \(pairs(48))"[...])
        }
    }

    @Test func fingerprintHexIsValidated() {
        let bad = [
            "sha-256 " + Array(repeating: "AB", count: 31).joined(separator: ":") + ":G0",
            "sha-256 " + Array(repeating: "ABC", count: 32).joined(separator: ":"),
            "sha-256 " + Array(repeating: "AB", count: 32).joined(separator: ":") + ":",
            "sha-256 " + Array(repeating: "AB", count: 32).joined(separator: "-"),
        ]
        for value in bad {
            #expect(throws: SDPProblem.invalidFingerprint("expected hex pairs separated by colons")) {
                try Fingerprint(parsing: value[...])
            }
        }
        #expect(throws: SDPProblem.self) { try Fingerprint(parsing: "sha-256"[...]) }
    }

    @Test func lowercaseFingerprintIsReadAndWrittenUppercase() throws {
        let value = Array(repeating: "0f", count: 32).joined(separator: ":")
        let fingerprint = try Fingerprint(parsing: "SHA-256 \(value)"[...])
        #expect(fingerprint.algorithm == .sha256)
        #expect(fingerprint.hexValue == value.uppercased())
        #expect(Fingerprint(algorithm: .sha256, hex: value.uppercased()) == fingerprint)
        #expect(Fingerprint(algorithm: .sha384, hex: value) == nil)
    }

    // MARK: rtpmap, fmtp, rtcp-fb, extmap

    @Test func formatParametersViews() {
        let h264 = FormatParameters(rawValue: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
        #expect(h264.value(for: "Packetization-Mode") == "1")
        #expect(h264.pairs.count == 3)
        #expect(FormatParameters(rawValue: "apt=96").associatedPayloadType == PayloadType(rawValue: 96))
        #expect(FormatParameters(rawValue: "apt=200").associatedPayloadType == nil)
        #expect(FormatParameters(rawValue: "0-15").redundantPayloadTypes == nil)
        #expect(FormatParameters(rawValue: "111/111").redundantPayloadTypes?.count == 2)
    }

    @Test func extmapDirectionAndAttributes() throws {
        let recvonly = try ExtMap(parsing: "6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay")
        #expect(recvonly.id == 6)
        #expect(recvonly.direction == .recvonly)
        let withAttributes = try ExtMap(parsing: "12 urn:example:ext some attributes")
        #expect(withAttributes.attributes == "some attributes")
        #expect(throws: SDPProblem.numberOutOfRange(field: "extmap id", range: "1–255")) { try ExtMap(parsing: "0 urn:x") }
        #expect(throws: SDPProblem.numberOutOfRange(field: "extmap id", range: "1–255")) { try ExtMap(parsing: "256 urn:x") }
        #expect(throws: SDPProblem.self) { try ExtMap(parsing: "3/sideways urn:x") }
        #expect(throws: SDPProblem.self) { try ExtMap(parsing: "3") }
    }

    // MARK: rid and simulcast (RFC 8851, RFC 8853)

    @Test func ridWithPayloadTypesAndRestrictions() throws {
        let rid = try RIDDescription(parsing: "hi send pt=96,97;max-width=1280;max-height=720;depend=lo")
        #expect(rid.rid == Rid("hi"))
        #expect(rid.direction == .send)
        #expect(rid.payloadTypes.map(\.rawValue) == [96, 97])
        #expect(rid.restrictions == [
            RIDRestriction(name: "max-width", value: "1280"), RIDRestriction(name: "max-height", value: "720"),
            RIDRestriction(name: "depend", value: "lo"),
        ])
        #expect(throws: SDPProblem.self) { try RIDDescription(parsing: "hi sideways") }
        #expect(throws: SDPProblem.self) { try RIDDescription(parsing: "hi send pt=") }
        #expect(throws: SDPProblem.self) { try RIDDescription(parsing: "h.i send") }
        #expect(throws: SDPProblem.self) { try RIDDescription(parsing: "hi send ;;") }
    }

    @Test func simulcastAlternativesAndPausedStreams() throws {
        let simulcast = try Simulcast(parsing: "recv 1;~2 send a,b;c")
        #expect(simulcast.send.map { $0.map(\.rid.value) } == [["a", "b"], ["c"]])
        #expect(simulcast.recv.map { $0.map(\.paused) } == [[false], [true]])
        #expect(simulcast.recvRids.map(\.value) == ["1", "2"])
        #expect(throws: SDPProblem.self) { try Simulcast(parsing: "send a send b") }
        #expect(throws: SDPProblem.self) { try Simulcast(parsing: "send") }
        #expect(throws: SDPProblem.self) { try Simulcast(parsing: "send rid=a;b") }
        #expect(throws: SDPProblem.self) { try Simulcast(parsing: "send a;;b") }
    }

    // MARK: ssrc, groups, msid

    @Test func ssrcAttributeKeepsItsValueAsWritten() throws {
        let ssrc = try SSRCAttribute(parsing: "2475663826 msid: 2c7a0b7f-ac56-4fc6-81da-2973d2e3e94f")
        #expect(ssrc.ssrc == SSRC(2475663826))
        #expect(ssrc.name == "msid")
        #expect(ssrc.value == " 2c7a0b7f-ac56-4fc6-81da-2973d2e3e94f")
        #expect(throws: SDPProblem.numberOutOfRange(field: "ssrc", range: "0–4294967295")) {
            try SSRCAttribute(parsing: "4294967296 cname:x")
        }
        #expect(throws: SDPProblem.self) { try SSRCAttribute(parsing: "1") }
        let group = try SSRCGroup(parsing: "SIM 1 2 3")
        #expect(group.ssrcs.count == 3)
        #expect(throws: SDPProblem.self) { try SSRCGroup(parsing: "FID") }
    }

    @Test func bundleGroupMidsAreValidated() throws {
        let group = try MediaGroup(parsing: "BUNDLE audio video")
        #expect(group.isBundle)
        #expect(group.mids == [Mid("audio")!, Mid("video")!])
        #expect(try MediaGroup(parsing: "BUNDLE").mids.isEmpty)
        #expect(throws: SDPProblem.self) { try MediaGroup(parsing: "BUNDLE 0123456789abcdefX") }
    }
}

extension Candidate {
    /// The grammar the parser names when a candidate is malformed.
    static let syntaxForTests = "<foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <address>] [rport <port>] *(<name> <value>)"
}
