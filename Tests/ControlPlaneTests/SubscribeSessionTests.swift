import MediaContract
@testable import ControlPlane
import RTCWire
import SDP
import Testing

/// ``SubscribeSession`` on its own (pure): section planning across renegotiations and the
/// payload-type mapping of its consumers. Tracks come from real publish answers of
/// ``NumberedPublishOffer``s, so their codecs are what a publisher's answer accepts.
@Suite("Subscribe session")
struct SubscribeSessionTests {
    static let local = LocalTransportParameters(
        iceUfrag: "SsTu", icePwd: PublishTestEngine.icePwd,
        fingerprint: Fingerprint(algorithm: .sha256, hex: PublishTestEngine.fingerprintHex)!,
        candidates: [HostCandidate(foundation: "1", address: "127.0.0.1", port: 40001, priority: 2_130_706_431)],
        sessionID: 42)

    /// The audio and video tracks `publisher` publishes with `offer` (ids `<publisher>-<mid>`).
    static func tracks(of publisher: String, _ offer: NumberedPublishOffer = NumberedPublishOffer()) throws -> [PublishedTrack] {
        let parsed = try SDPParser.parse(offer.text).get()
        let answer = try PublishAnswerer.answer(offer: parsed, local: local).get()
        return answer.media.map { media in
            PublishedTrack(
                track: Track(id: "\(publisher)-\(media.mid)", kind: "\(media.kind)", mid: media.mid.value, codec: "-"), media: media)
        }
    }

    /// Plans an offer of `tracks` (their publisher is the id's part before "-"), with the data
    /// section when `offersData`.
    @discardableResult
    static func plan(_ session: inout SubscribeSession, _ tracks: [PublishedTrack], offersData: Bool = false) -> SessionDescription {
        session.planOffer(available: tracks, publisherOf: { String($0.split(separator: "-")[0]) }, offersData: offersData, local: local)
    }

    static func trackIDs(_ session: SubscribeSession) -> [String?] { session.slots.map { $0.binding?.trackID } }

    static func mapping(_ publisher: UInt8, _ subscriber: UInt8, _ name: String, _ clockRate: UInt32, associated: UInt8? = nil)
        -> PayloadTypeMapping
    {
        PayloadTypeMapping(
            publisher: PayloadType(truncating: publisher), subscriber: PayloadType(truncating: subscriber), encodingName: name,
            clockRate: clockRate, associated: associated.map { PayloadType(truncating: $0) })
    }

    @Test("mids, kinds, SSRCs and payload types stay across renegotiations; each offer is a new version")
    func stableAcrossRenegotiation() throws {
        let tracks = try Self.tracks(of: "a")
        var session = SubscribeSession()
        let first = Self.plan(&session, tracks)
        let slots = session.slots
        #expect(slots.map(\.mid.value) == ["0", "1"])
        #expect(slots.map(\.kind) == [.audio, .video])
        #expect(session.offerVersion == 1)
        #expect(session.pending?.version == 1)

        let second = Self.plan(&session, tracks)
        #expect(session.slots == slots)
        #expect(session.offerVersion == 2)
        #expect(session.pending?.version == 2)
        #expect(second.media.map(\.mid) == first.media.map(\.mid))
        #expect(second.media.map(\.ssrcAttributes) == first.media.map(\.ssrcAttributes))
        #expect(second.media.map(\.formats) == first.media.map(\.formats))
    }

    @Test("an ended track's section turns inactive in place; new tracks are appended, never reordered or put in its place")
    func inactiveInPlace() throws {
        let a = try Self.tracks(of: "a")
        let b = try Self.tracks(of: "b", NumberedPublishOffer(audioSSRC: 71, videoSSRC: 72, rtxSSRC: 73))
        var session = SubscribeSession()
        Self.plan(&session, a)
        let boundSSRCs = session.slots.map { $0.binding?.ssrc }

        let ended = Self.plan(&session, [a[1]])
        #expect(Self.trackIDs(session) == [nil, "a-1"])
        #expect(session.slots[1].binding?.ssrc == boundSSRCs[1])
        #expect(ended.media.map(\.direction) == [.inactive, .sendonly])
        #expect(ended.media[0].kind == .audio)
        #expect(ended.media[0].ssrcAttributes.isEmpty)
        #expect(ended.media[0].msids.isEmpty)
        #expect(ended.attributes.bundleGroup?.mids.map(\.value) == ["0", "1"])

        // Listed in another order, with a new publisher first: the old section keeps its place.
        let grown = Self.plan(&session, b + [a[1]])
        #expect(Self.trackIDs(session) == [nil, "a-1", "b-0", "b-1"])
        #expect(session.slots.map(\.mid.value) == ["0", "1", "2", "3"])
        #expect(session.slots.map(\.kind) == [.audio, .video, .audio, .video])
        #expect(grown.media.map(\.direction) == [.inactive, .sendonly, .sendonly, .sendonly])
        #expect(grown.media.map { $0.mid?.value } == ["0", "1", "2", "3"])

        // A track that comes back after its section went inactive gets a new section.
        Self.plan(&session, a + b)
        #expect(Self.trackIDs(session) == [nil, "a-1", "b-0", "b-1", "a-0"])
    }

    @Test("every section's SSRC and RTX SSRC is distinct within the session, across renegotiations")
    func distinctSSRCs() throws {
        var session = SubscribeSession()
        var all: [SSRC] = []
        for (round, publisher) in ["a", "b", "c", "d"].enumerated() {
            let offer = NumberedPublishOffer(audioSSRC: UInt32(100 + round), videoSSRC: UInt32(200 + round), rtxSSRC: UInt32(300 + round))
            // Each round keeps only the newest publisher's tracks: the earlier sections go inactive.
            Self.plan(&session, try Self.tracks(of: publisher, offer))
            let latest = session.slots.suffix(2)
            #expect(latest.allSatisfy { $0.binding != nil })
            all += latest.flatMap { [$0.binding?.ssrc, $0.binding?.rtxSSRC].compactMap { $0 } }
        }
        #expect(all.count == 12)
        #expect(Set(all).count == all.count)
        #expect(session.slots.count == 8)
    }

    @Test("payload types: the publisher's numbers map to the session's, RTX associated with the publisher's media type")
    func payloadTypeMapping() throws {
        var session = SubscribeSession()
        let a = try Self.tracks(of: "a", NumberedPublishOffer(opus: 109, vp8: 120, rtx: 121))
        let b = try Self.tracks(of: "b", NumberedPublishOffer(opus: 100, vp8: 98, rtx: 99, audioSSRC: 81, videoSSRC: 82, rtxSSRC: 83))
        Self.plan(&session, a + b)
        let mappings = session.slots.map { $0.binding?.payloadTypes ?? [] }
        #expect(mappings[0] == [Self.mapping(109, 111, "opus", 48000)])
        #expect(mappings[1] == [Self.mapping(120, 96, "VP8", 90000), Self.mapping(121, 97, "rtx", 90000, associated: 120)])
        // Another publisher's numbering (VP8 on 98, which the session keeps for VP9) maps to the same numbers.
        #expect(mappings[2] == [Self.mapping(100, 111, "opus", 48000)])
        #expect(mappings[3] == [Self.mapping(98, 96, "VP8", 90000), Self.mapping(99, 97, "rtx", 90000, associated: 98)])
        #expect(session.slots[3].codecs.map(\.payloadType) == [PayloadType(truncating: 96)])
        #expect(session.slots[3].codecs.map(\.rtxPayloadType) == [PayloadType(truncating: 97)])
    }

    @Test("RED is left out of the offer and of the mapping: its format names the publisher's payload types")
    func redLeftOut() throws {
        let tracks = try Self.tracks(of: "a", NumberedPublishOffer(opus: 109, red: 110))
        try #require(tracks[0].media.codecs.contains { $0.role == .redundancy }, "the publish answer should accept RED")
        var session = SubscribeSession()
        let offer = Self.plan(&session, tracks)
        #expect(session.slots[0].codecs.map(\.rtpmap.encodingName) == ["opus"])
        #expect(session.slots[0].binding?.payloadTypes == [Self.mapping(109, 111, "opus", 48000)])
        #expect(offer.media[0].formats == ["111"])
        #expect(!SDPWriter.write(offer).lowercased().contains("red/48000"))
    }

    @Test("settling an answer: consumers for received sections, with the answer's payload types and extensions, and pauses")
    func settle() throws {
        let a = try Self.tracks(of: "a")
        var session = SubscribeSession()
        let offer = Self.plan(&session, a)
        var answer = SubscribeAnswerText()
        answer.keptExtensionURIs = [HeaderExtensionURI.audioLevel, HeaderExtensionURI.playoutDelay]
        let answered = try SDPParser.parse(answer.answer(to: SDPWriter.write(offer))).get()
        let pending = try #require(session.pending)
        let read = try SubscribeAnswerReader.read(answer: answered, offer: pending.description).get()
        let subscription = session.settle(read, of: pending)
        #expect(session.pending == nil)
        #expect(session.receivedTrackIDs == ["a-0", "a-1"])
        #expect(subscription.consumers.map(\.mid.value) == ["0", "1"])
        #expect(subscription.consumers.map(\.publisher) == ["a", "a"])
        #expect(subscription.consumers.map(\.ssrc) == session.slots.map { $0.binding!.ssrc })
        #expect(subscription.consumers.map(\.extensionIDs) == [[10: 6], [12: 8]])
        #expect(subscription.consumers.map(\.paused) == [false, false])

        #expect(session.setPaused(true, track: "a-1")?.consumers.map(\.paused) == [false, true])
        #expect(session.setPaused(true, track: "b-0") == nil)
        #expect(session.currentSubscription()?.consumers.map(\.paused) == [false, true])
    }

    @Test("the data section comes after the first offer's tracks and keeps its place; later tracks come after it")
    func dataSectionPlacedOnce() throws {
        let a = try Self.tracks(of: "a")
        let b = try Self.tracks(of: "b", NumberedPublishOffer(audioSSRC: 71, videoSSRC: 72, rtxSSRC: 73))
        var session = SubscribeSession()
        let first = Self.plan(&session, a, offersData: true)
        #expect(session.slots.map(\.kind) == [.audio, .video, .application])
        #expect(first.media.map { $0.mid?.value } == ["0", "1", "2"])
        let data = try #require(first.media.last)
        #expect(data.proto == "UDP/DTLS/SCTP")
        #expect(data.formats == ["webrtc-datachannel"])
        #expect(data.sctpPort == 5000)
        #expect(data.maxMessageSize == 262_144)
        #expect(first.attributes.bundleGroup?.mids.map(\.value) == ["0", "1", "2"])

        // a's tracks end, b's come: the data section stays at mid 2, the new tracks follow it.
        let grown = Self.plan(&session, b, offersData: true)
        #expect(session.slots.map(\.kind) == [.audio, .video, .application, .audio, .video])
        #expect(grown.media.map(\.kind) == [.audio, .video, .application, .audio, .video])
        #expect(grown.media.map(\.direction) == [.inactive, .inactive, nil, .sendonly, .sendonly])
        #expect(grown.media.filter { $0.kind == .application }.map { $0.mid?.value } == ["2"])
    }

    @Test("a data-only first offer: one data section at mid 0; tracks that come later are appended after it")
    func dataOnlyFirstOffer() throws {
        var session = SubscribeSession()
        let first = Self.plan(&session, [], offersData: true)
        #expect(first.media.map(\.kind) == [.application])
        #expect(first.media.map { $0.mid?.value } == ["0"])
        Self.plan(&session, try Self.tracks(of: "a"), offersData: true)
        #expect(session.slots.map(\.kind) == [.application, .audio, .video])
        #expect(Self.trackIDs(session) == [nil, "a-0", "a-1"])
    }

    @Test("the answered data section becomes the subscription's dataChannel; a rejected one gives none")
    func settledDataChannel() throws {
        for (rejected, expected) in [(false, DataChannelTransport(remotePort: 5000, remoteMaxMessageSize: 65536)), (true, nil)] {
            var session = SubscribeSession()
            let offer = Self.plan(&session, try Self.tracks(of: "a"), offersData: true)
            var answer = SubscribeAnswerText()
            answer.maxMessageSize = 65536
            if rejected { answer.rejectedMids = ["2"] }
            let answered = try SDPParser.parse(answer.answer(to: SDPWriter.write(offer))).get()
            let pending = try #require(session.pending)
            let subscription = session.settle(try SubscribeAnswerReader.read(answer: answered, offer: pending.description).get(), of: pending)
            #expect(subscription.dataChannel == expected)
            #expect(subscription.consumers.map(\.mid.value) == ["0", "1"])
            // Pausing keeps what the answer settled for the data channels.
            #expect(session.setPaused(true, track: "a-0")?.dataChannel == expected)
        }
    }

    @Test("without offersData no data section is ever added")
    func noDataSection() throws {
        var session = SubscribeSession()
        Self.plan(&session, try Self.tracks(of: "a"))
        Self.plan(&session, try Self.tracks(of: "a"))
        #expect(!session.slots.contains { $0.kind == .application })
    }

    @Test("a track without a publisher is not offered")
    func unknownPublisher() throws {
        var session = SubscribeSession()
        _ = session.planOffer(available: try Self.tracks(of: "a"), publisherOf: { _ in nil }, offersData: false, local: Self.local)
        #expect(session.slots.isEmpty)
    }
}
