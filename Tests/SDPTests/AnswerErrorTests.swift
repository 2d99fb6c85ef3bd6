import RTCWire
import SDP
import Testing

/// Offers that parse but cannot be answered (the API's 422), each case once.
@Suite struct AnswerErrorTests {
    @Test func bundleMissing() {
        let text = removingLines("a=group:BUNDLE 0 1", from: Fixture.aiortc.text)
        #expect(answerError(text) == .bundleMissing)
        #expect(SDPAnswerError.bundleMissing.description == "the offer has no a=group:BUNDLE (BUNDLE is required)")
    }

    @Test func rtcpMuxMissing() {
        let text = removingLines("a=rtcp-mux", from: Fixture.aiortc.text)
        #expect(answerError(text) == .rtcpMuxMissing(mid: Mid("0")!))
    }

    @Test func rtcpMuxMissingInASectionThatIsRejectedAnywayIsFine() throws {
        var text = removingLines("a=rtcp-mux", from: Fixture.aiortc.text)
        text = replacing("VP8/90000", with: "VP7/90000", in: text)
        text = replacing("H264/90000", with: "H263/90000", in: text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.rejected.map(\.reason) == [.noCommonCodec])
    }

    @Test func iceCredentialsMissing() {
        var text = removingLines("a=ice-ufrag:4cOJ", from: Fixture.aiortc.text)
        #expect(answerError(text) == .iceCredentialsMissing(mid: Mid("0")!))
        text = removingLines("a=ice-pwd:kWCrS0RWuRyo5Dtsg+M9O5Nf", from: Fixture.chromium.text)
        #expect(answerError(text) == .iceCredentialsMissing(mid: Mid("0")!))
    }

    @Test func iceCredentialsInvalid() {
        let short = replacing("a=ice-pwd:PTneqtIaztTgZraAQBH5p0", with: "a=ice-pwd:tooshort", in: Fixture.aiortc.text)
        #expect(answerError(short) == .iceCredentialsInvalid(mid: Mid("0")!))
        let badCharacter = replacing("a=ice-ufrag:4cOJ", with: "a=ice-ufrag:4c_J", in: Fixture.aiortc.text)
        #expect(answerError(badCharacter) == .iceCredentialsInvalid(mid: Mid("0")!))
    }

    @Test func fingerprintMissing() throws {
        var offer = try #require(Fixture.aiortc.parsed())
        for index in offer.media.indices { offer.media[index].transport.fingerprints = [] }
        #expect(answerError(offer) == .fingerprintMissing(mid: Mid("0")!))

        let firefox = Fixture.firefox.text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("a=fingerprint:") }
        #expect(answerError(firefox.joined(separator: "\r\n")) == .fingerprintMissing(mid: Mid("0")!))
    }

    @Test func onlySHA1FingerprintIsNotEnough() throws {
        var offer = try #require(Fixture.chromium.parsed())
        let sha1 = try #require(Fingerprint(algorithm: .sha1, bytes: Array(repeating: 0xAB, count: 20)))
        for index in offer.media.indices { offer.media[index].transport.fingerprints = [sha1] }
        #expect(answerError(offer) == .fingerprintMissing(mid: Mid("0")!))
    }

    @Test(arguments: [SetupRole.passive, .holdconn])
    func offererMustNotBePassive(_ role: SetupRole) {
        let text = replacing("a=setup:actpass", with: "a=setup:\(role.rawValue)", in: Fixture.chromium.text)
        #expect(answerError(text) == .setupRoleUnusable(mid: Mid("0")!, role: role))
    }

    @Test func passiveInALaterSectionIsRefusedToo() throws {
        var offer = try #require(Fixture.chromium.parsed())
        offer.media[2].transport.setup = .passive
        #expect(answerError(offer) == .setupRoleUnusable(mid: Mid("2")!, role: .passive))
    }

    @Test func noUsableMediaSection() throws {
        var offer = try #require(Fixture.chromium.parsed())
        for index in offer.media.indices { offer.media[index].port = 0 }
        let error = try #require(answerError(offer))
        guard case .noUsableMediaSection(let rejected) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(rejected.map(\.index) == [0, 1, 2])
        #expect(rejected.allSatisfy { $0.reason == .rejectedByOfferer })
        #expect(error.description.hasPrefix("no usable m-section: m-section 0 (audio, mid 0): rejected by the offer (port 0); "))
    }

    @Test func offerWithoutMediaHasNoUsableSection() throws {
        let text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE\r\n"
        #expect(answerError(text) == .noUsableMediaSection([]))
        #expect(SDPAnswerError.noUsableMediaSection([]).description == "the offer has no m-section")
    }

    @Test func errorMessagesNameTheSection() {
        #expect(SDPAnswerError.setupRoleUnusable(mid: Mid("1")!, role: .passive).description
            == "m-section mid 1 offers a=setup:passive; the server is DTLS passive, so the offer must be actpass or active")
        #expect(SDPAnswerError.rtcpMuxMissing(mid: Mid("v")!).description == "m-section mid v has no a=rtcp-mux (rtcp-mux is required)")
    }
}
