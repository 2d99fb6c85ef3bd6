import RTCWire
import SDP
import Testing

/// Subscriber payload type numbering and the fixed header extension ids.
@Suite struct SubscribePayloadTypeTests {
    static func codec(_ name: String, _ clockRate: UInt32, channels: UInt16? = nil, fmtp: String? = nil,
                      publisherPT: UInt8 = 120, rtx: UInt8? = nil) -> NegotiatedCodec {
        NegotiatedCodec(
            payloadType: PayloadType(rawValue: publisherPT)!, role: .media,
            rtpmap: RTPMap(encodingName: name, clockRate: clockRate, channels: channels),
            parameters: fmtp.map(FormatParameters.init(rawValue:)), rtxPayloadType: rtx.flatMap(PayloadType.init(rawValue:))
        )
    }

    static func numbers(_ result: (payloadType: PayloadType, rtx: PayloadType?)?) -> [UInt8?]? {
        result.map { [$0.payloadType.rawValue, $0.rtx?.rawValue] }
    }

    @Test func conventionalNumbersWhenFree() {
        var types = SubscriberPayloadTypes()
        #expect(Self.numbers(types.assign(Self.codec("opus", 48000, channels: 2, publisherPT: 109))) == [111, nil])
        #expect(Self.numbers(types.assign(Self.codec("PCMU", 8000))) == [0, nil])
        #expect(Self.numbers(types.assign(Self.codec("PCMA", 8000))) == [8, nil])
        #expect(Self.numbers(types.assign(Self.codec("G722", 8000, channels: 1))) == [9, nil])
        #expect(Self.numbers(types.assign(Self.codec("telephone-event", 48000))) == [126, nil])
        #expect(Self.numbers(types.assign(Self.codec("red", 48000, channels: 2))) == [63, nil])
        #expect(Self.numbers(types.assign(Self.codec("vp8", 90000, publisherPT: 120, rtx: 121))) == [96, 97])
        #expect(Self.numbers(types.assign(Self.codec("VP9", 90000, fmtp: "profile-id=0", rtx: 101))) == [98, 99])
        #expect(Self.numbers(types.assign(Self.codec("H264", 90000, fmtp: "profile-level-id=42e01f;packetization-mode=1", rtx: 37))) == [102, 103])
        #expect(Self.numbers(types.assign(Self.codec("AV1", 90000, rtx: 36))) == [45, 46])
    }

    @Test func otherCodecsTakeFreeDynamicNumbersBeforeConventionalOnes() {
        var types = SubscriberPayloadTypes()
        // ulpfec has no conventional number: 96 and 97 stay free for VP8.
        #expect(Self.numbers(types.assign(Self.codec("ulpfec", 90000))) == [100, nil])
        #expect(Self.numbers(types.assign(Self.codec("flexfec-03", 90000))) == [101, nil])
        #expect(Self.numbers(types.assign(Self.codec("VP8", 90000, rtx: 97))) == [96, 97])
        // A second telephone-event (another clock rate) cannot have 126 too.
        #expect(Self.numbers(types.assign(Self.codec("telephone-event", 8000))) == [126, nil])
        #expect(Self.numbers(types.assign(Self.codec("telephone-event", 48000))) == [104, nil])
    }

    @Test func sameCodecSameNumbersWhateverThePublishersNumbering() {
        var types = SubscriberPayloadTypes()
        let first = types.assign(Self.codec("H264", 90000, fmtp: "packetization-mode=1;profile-level-id=42e01f", publisherPT: 125, rtx: 107))
        _ = types.assign(Self.codec("VP8", 90000, publisherPT: 100, rtx: 101))
        // Another publisher: other PT numbers, other case, parameters in another order and case.
        let again = types.assign(Self.codec("h264", 90000, fmtp: "profile-level-id=42E01F;level-asymmetry-allowed=1;packetization-mode=1", publisherPT: 102, rtx: 103))
        #expect(Self.numbers(first) == [102, 103])
        #expect(Self.numbers(again) == [102, 103])
        // Without RTX now: same media number, no RTX returned; with RTX later: the same RTX.
        #expect(Self.numbers(types.assign(Self.codec("H264", 90000, fmtp: "profile-level-id=42e01f;packetization-mode=1"))) == [102, nil])
        #expect(Self.numbers(types.assign(Self.codec("H264", 90000, fmtp: "profile-level-id=42e01f;packetization-mode=1", rtx: 99))) == [102, 103])
        // Omitted defaults match written ones.
        #expect(Self.numbers(types.assign(Self.codec("VP9", 90000))) == Self.numbers(types.assign(Self.codec("VP9", 90000, fmtp: "profile-id=0"))))
    }

    @Test func rtxAddedLaterKeepsTheMediaNumber() {
        var types = SubscriberPayloadTypes()
        #expect(Self.numbers(types.assign(Self.codec("VP8", 90000))) == [96, nil])
        #expect(Self.numbers(types.assign(Self.codec("VP8", 90000, rtx: 124))) == [96, 97])
        #expect(Self.numbers(types.assign(Self.codec("VP8", 90000, rtx: 125))) == [96, 97])
    }

    @Test func differentCodecsNeverShareANumber() {
        var types = SubscriberPayloadTypes()
        let codecs = [
            Self.codec("H264", 90000, fmtp: "profile-level-id=42e01f;packetization-mode=1", rtx: 1),
            Self.codec("H264", 90000, fmtp: "profile-level-id=42e01f;packetization-mode=0", rtx: 1),
            Self.codec("H264", 90000, rtx: 1),
            Self.codec("H264", 90000, fmtp: "profile-level-id=640c1f;packetization-mode=1", rtx: 1),
            Self.codec("VP9", 90000, fmtp: "profile-id=2", rtx: 1),
            Self.codec("VP9", 90000, rtx: 1),
            Self.codec("AV1", 90000, fmtp: "profile=1", rtx: 1),
            Self.codec("AV1", 90000, rtx: 1),
            Self.codec("opus", 48000, channels: 2),
            Self.codec("opus", 48000, channels: 1),
            Self.codec("PCMU", 8000),
            Self.codec("PCMU", 16000),
            Self.codec("red", 90000),
            Self.codec("red", 48000, channels: 2),
        ]
        var seen: [UInt8] = []
        for codec in codecs {
            guard let assigned = types.assign(codec) else {
                Issue.record("no payload type for \(codec.rtpmap)")
                continue
            }
            seen.append(assigned.payloadType.rawValue)
            if let rtx = assigned.rtx { seen.append(rtx.rawValue) }
            #expect(codec.rtxPayloadType == nil || assigned.rtx != nil)
        }
        #expect(seen.count == 22)
        #expect(Set(seen).count == seen.count)
        #expect(seen.allSatisfy { (96...127).contains($0) || (35...63).contains($0) || [0, 8].contains($0) })
    }

    @Test func exhaustionReturnsNilAndAssignsNothing() {
        var types = SubscriberPayloadTypes()
        var numbers: Set<UInt8> = []
        // 32 + 29 = 61 dynamic numbers; each codec below has no conventional number.
        for index in 0..<61 {
            guard let assigned = types.assign(Self.codec("x-codec\(index)", 90000)) else {
                Issue.record("exhausted after \(index) codecs")
                return
            }
            numbers.insert(assigned.payloadType.rawValue)
        }
        #expect(numbers == Set(Array(96...127) + Array(35...63)))
        let full = types
        #expect(types.assign(Self.codec("x-one-more", 90000)) == nil)
        #expect(types.assign(Self.codec("VP8", 90000)) == nil)
        #expect(types == full)
        // Static numbers still go to their codecs, and known codecs keep their numbers.
        #expect(Self.numbers(types.assign(Self.codec("PCMA", 8000))) == [8, nil])
        #expect(Self.numbers(types.assign(Self.codec("x-codec7", 90000))) == [numbersOf(index: 7), nil])
    }

    @Test func rtxThatDoesNotFitLeavesNothingHalfAssigned() {
        var types = SubscriberPayloadTypes()
        for index in 0..<60 { _ = types.assign(Self.codec("x-codec\(index)", 90000)) }
        // One number left: VP8 with RTX needs two.
        let before = types
        #expect(types.assign(Self.codec("VP8", 90000, rtx: 97)) == nil)
        #expect(types == before)
        #expect(types.assign(Self.codec("VP8", 90000)) != nil)
        #expect(types.assign(Self.codec("x-another", 90000)) == nil)
    }

    /// The number the exhaustion test's codec `index` gets: the dynamic numbers in hand-out
    /// order, the conventional ones last.
    private func numbersOf(index: Int) -> UInt8 {
        let conventional: Set<UInt8> = [111, 126, 63, 96, 97, 98, 99, 102, 103, 45, 46]
        let order = (Array(96...127) + Array(35...63)).filter { !conventional.contains($0) }
        return order[index]
    }

    @Test func extensionIDsAreFixedAndDistinct() {
        let uris = CodecPolicy.standard.headerExtensionURIs
        let ids = uris.compactMap(SubscriberExtensionIDs.id(for:))
        #expect(ids.count == uris.count)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { (1...14).contains($0) })
        #expect(SubscriberExtensionIDs.id(for: "urn:ietf:params:rtp-hdrext:sdes:mid") == 1)
        #expect(SubscriberExtensionIDs.id(for: "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id") == 2)
        #expect(SubscriberExtensionIDs.id(for: "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id") == 3)
        #expect(SubscriberExtensionIDs.id(for: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time") == 4)
        #expect(SubscriberExtensionIDs.id(for: "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01") == 5)
        #expect(SubscriberExtensionIDs.id(for: "urn:ietf:params:rtp-hdrext:ssrc-audio-level") == 6)
        #expect(SubscriberExtensionIDs.id(for: "urn:3gpp:video-orientation") == 7)
        #expect(SubscriberExtensionIDs.id(for: "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay") == 8)
        #expect(SubscriberExtensionIDs.id(for: "urn:example:unknown") == nil)
    }

    @Test func offeredExtensionsPerKind() {
        #expect(SubscriberExtensionIDs.offered(for: .audio) == [ExtMap(id: 6, uri: "urn:ietf:params:rtp-hdrext:ssrc-audio-level")])
        #expect(SubscriberExtensionIDs.offered(for: .video) == [
            ExtMap(id: 7, uri: "urn:3gpp:video-orientation"),
            ExtMap(id: 8, uri: "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"),
        ])
        #expect(SubscriberExtensionIDs.offered(for: .application).isEmpty)
    }
}
