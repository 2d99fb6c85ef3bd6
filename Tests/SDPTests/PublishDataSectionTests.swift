import RTCWire
import SDP
import Testing

/// A publisher's data section: answered alone, refused when the publisher may not use data
/// channels, and refused when it names no SCTP port.
@Suite struct PublishDataSectionTests {
    /// The aiortc offer (video mid 0, data mid 1) with only its data section left.
    static func dataOnlyOffer() throws -> SessionDescription {
        var offer = try #require(Fixture.aiortc.parsed())
        offer.media = [offer.media[1]]
        offer.attributes.groups = [MediaGroup(semantics: "BUNDLE", mids: [Mid("1")!])]
        return offer
    }

    @Test func dataOnlyOfferIsAnswered() throws {
        let answer = try #require(answerOrRecord(try Self.dataOnlyOffer()))
        #expect(answer.media.isEmpty)
        #expect(answer.rejected.isEmpty)
        let data = try #require(answer.dataChannel)
        #expect(data.index == 0)
        #expect(data.mid == Mid("1"))
        #expect(data.remoteSCTPPort == 5000)
        #expect(data.remoteMaxMessageSize == 262_144)
        #expect(answer.remoteTransport.iceUfrag == "4cOJ")
        #expect(answer.remoteTransport.setup == .actpass)
        #expect(answer.sessionDescription.attributes.bundleGroup?.mids == [Mid("1")!])
        #expect(answer.sdp.contains(
            "m=application 40000 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 127.0.0.1\r\na=mid:1\r\n"))
        #expect(answer.sdp.contains("a=setup:passive\r\n"))
        #expect(answer.sdp.contains("a=sctp-port:5000\r\na=max-message-size:262144\r\n"))
    }

    @Test func dataSectionIsRejectedWhenDataChannelsAreNotAccepted() throws {
        let offer = try #require(Fixture.chromium.parsed())
        let answer = try PublishAnswerer.answer(offer: offer, local: testLocal, acceptsDataChannels: false).get()
        #expect(answer.media.map(\.mid.value) == ["0", "1"])
        #expect(answer.dataChannel == nil)
        #expect(answer.rejected.map(\.reason) == [.dataChannelsNotAllowed])
        #expect(answer.rejected.map(\.index) == [2])
        let data = answer.sessionDescription.media[2]
        #expect(data.kind == .application)
        #expect(data.port == 0)
        #expect(data.mid == Mid("2"))
        #expect(data.sctpPort == nil)
        #expect(data.candidates.isEmpty)
        #expect(answer.sessionDescription.attributes.bundleGroup?.mids.map(\.value) == ["0", "1"])
        #expect(answer.sdp.contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n"))
    }

    @Test func dataOnlyOfferWithoutDataChannelsHasNothingUsable() throws {
        let result = PublishAnswerer.answer(offer: try Self.dataOnlyOffer(), local: testLocal, acceptsDataChannels: false)
        guard case .failure(let error) = result, case .noUsableMediaSection(let rejected) = error else {
            Issue.record("expected noUsableMediaSection, got \(result)")
            return
        }
        #expect(rejected.map(\.index) == [0])
        #expect(rejected.map(\.kind) == [.application])
        #expect(rejected.map(\.mid) == [Mid("1")])
        #expect(rejected.map(\.reason) == [.dataChannelsNotAllowed])
        #expect(error.description == "no usable m-section: m-section 0 (application, mid 1): data channels are not allowed for this participant")
    }

    @Test func zeroSCTPPortIsRejected() throws {
        let text = replacing("a=sctp-port:5000", with: "a=sctp-port:0", in: Fixture.aiortc.text)
        let answer = try #require(parseOrRecord(text).flatMap { answerOrRecord($0) })
        #expect(answer.dataChannel == nil)
        #expect(answer.rejected.map(\.reason) == [.invalidSCTPPort])
        #expect(answer.media.map(\.mid.value) == ["0"])
        #expect(answer.sessionDescription.media[1].port == 0)
    }

    @Test func missingSCTPAttributesTakeRFC8841Defaults() throws {
        var offer = try Self.dataOnlyOffer()
        offer.media[0].sctpPort = nil
        offer.media[0].maxMessageSize = nil
        let data = try #require(answerOrRecord(offer)?.dataChannel)
        #expect(data.remoteSCTPPort == 5000)
        #expect(data.remoteMaxMessageSize == 65536)
    }
}
