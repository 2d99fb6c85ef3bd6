import RTCWire
import SDP
import SFUCore
import Testing

@Suite("PayloadTypeMap: publisher to subscriber payload types")
struct ForwardingPayloadTypeMapTests {
    static func pt(_ value: UInt8) -> PayloadType { PayloadType(truncating: value) }

    @Test("Mapped payload types answer their mapping; every other one of 0...127 answers nil")
    func lookups() throws {
        let map = try ForwardingTest.payloadTypes()
        let opus = try #require(map.mapping(for: Self.pt(111)))
        #expect(opus.outputPayloadType == Self.pt(100))
        #expect(opus.clockRate == 48_000)
        #expect(opus.codec == .other)
        #expect(!opus.isRetransmission)
        let rtx = try #require(map.mapping(for: Self.pt(97)))
        #expect(rtx.outputPayloadType == Self.pt(121))
        #expect(rtx.isRetransmission)
        #expect(rtx.retransmittedPayloadType == Self.pt(96))
        #expect(map.mapping(for: Self.pt(96))?.codec == .vp8)
        #expect(map.mapping(for: Self.pt(102))?.codec == .h264)

        let mapped: Set<UInt8> = [96, 97, 102, 111]
        for value in UInt8(0)...127 where !mapped.contains(value) {
            #expect(map.mapping(for: Self.pt(value)) == nil, "payload type \(value)")
        }
    }

    @Test("Entries that contradict each other are refused with the payload types at fault")
    func refusals() {
        let media = PayloadTypeMap.Mapping(outputPayloadType: Self.pt(100), clockRate: 90_000, codec: .vp8)
        #expect(throws: PayloadTypeMapError.duplicateInput(Self.pt(96))) {
            try PayloadTypeMap([
                .init(inputPayloadType: Self.pt(96), mapping: media),
                .init(inputPayloadType: Self.pt(96), mapping: .init(outputPayloadType: Self.pt(101), clockRate: 90_000, codec: .vp8)),
            ])
        }
        #expect(throws: PayloadTypeMapError.duplicateOutput(Self.pt(100))) {
            try PayloadTypeMap([
                .init(inputPayloadType: Self.pt(96), mapping: media),
                .init(inputPayloadType: Self.pt(98), mapping: media),
            ])
        }
        #expect(throws: PayloadTypeMapError.zeroClockRate(Self.pt(0))) {
            try PayloadTypeMap([.init(inputPayloadType: Self.pt(0),
                                      mapping: .init(outputPayloadType: Self.pt(0), clockRate: 0, codec: .other))])
        }
        #expect(throws: PayloadTypeMapError.retransmissionOfUnmappedMedia(retransmission: Self.pt(97), media: Self.pt(98))) {
            try PayloadTypeMap([
                .init(inputPayloadType: Self.pt(96), mapping: media),
                .init(inputPayloadType: Self.pt(97), mapping: .init(outputPayloadType: Self.pt(101), clockRate: 90_000,
                                                                    codec: .vp8, retransmittedPayloadType: Self.pt(98))),
            ])
        }
        // RTX of an RTX payload type is refused too.
        #expect(throws: PayloadTypeMapError.retransmissionOfUnmappedMedia(retransmission: Self.pt(99), media: Self.pt(97))) {
            try PayloadTypeMap([
                .init(inputPayloadType: Self.pt(96), mapping: media),
                .init(inputPayloadType: Self.pt(97), mapping: .init(outputPayloadType: Self.pt(101), clockRate: 90_000,
                                                                    codec: .vp8, retransmittedPayloadType: Self.pt(96))),
                .init(inputPayloadType: Self.pt(99), mapping: .init(outputPayloadType: Self.pt(102), clockRate: 90_000,
                                                                    codec: .vp8, retransmittedPayloadType: Self.pt(97))),
            ])
        }
        #expect(PayloadTypeMapError.duplicateOutput(Self.pt(100)).description
            == "subscriber payload type 100 is the target of two publisher payload types")
    }

    @Test("From negotiated codec pairs: clock rate and codec kind from the publisher's rtpmap, RTX when both sides have it")
    func fromNegotiatedCodecs() throws {
        let publisherVP9 = NegotiatedCodec(payloadType: Self.pt(98), role: .media,
                                           rtpmap: RTPMap(encodingName: "VP9", clockRate: 90_000), rtxPayloadType: Self.pt(99))
        let subscriberVP9 = NegotiatedCodec(payloadType: Self.pt(100), role: .media,
                                            rtpmap: RTPMap(encodingName: "VP9", clockRate: 90_000), rtxPayloadType: Self.pt(101))
        let publisherAV1 = NegotiatedCodec(payloadType: Self.pt(45), role: .media,
                                           rtpmap: RTPMap(encodingName: "av1", clockRate: 90_000), rtxPayloadType: Self.pt(46))
        let subscriberAV1 = NegotiatedCodec(payloadType: Self.pt(35), role: .media,
                                            rtpmap: RTPMap(encodingName: "AV1", clockRate: 90_000))
        let publisherOpus = NegotiatedCodec(payloadType: Self.pt(111), role: .media,
                                            rtpmap: RTPMap(encodingName: "opus", clockRate: 48_000, channels: 2))
        let map = try PayloadTypeMap(codecs: [(publisherVP9, subscriberVP9), (publisherAV1, subscriberAV1),
                                              (publisherOpus, publisherOpus)])
        #expect(map.mapping(for: Self.pt(98)) == .init(outputPayloadType: Self.pt(100), clockRate: 90_000, codec: .vp9))
        #expect(map.mapping(for: Self.pt(99)) == .init(outputPayloadType: Self.pt(101), clockRate: 90_000, codec: .vp9,
                                                       retransmittedPayloadType: Self.pt(98)))
        #expect(map.mapping(for: Self.pt(45)) == .init(outputPayloadType: Self.pt(35), clockRate: 90_000, codec: .av1))
        // The subscriber has no RTX for AV1: the publisher's RTX payload type is not mapped.
        #expect(map.mapping(for: Self.pt(46)) == nil)
        #expect(map.mapping(for: Self.pt(111)) == .init(outputPayloadType: Self.pt(111), clockRate: 48_000, codec: .other))
    }

    @Test("Codec kinds from encoding names, without case")
    func codecKinds() {
        #expect(VideoCodecKind(encodingName: "VP8") == .vp8)
        #expect(VideoCodecKind(encodingName: "vp9") == .vp9)
        #expect(VideoCodecKind(encodingName: "H264") == .h264)
        #expect(VideoCodecKind(encodingName: "Av1") == .av1)
        #expect(VideoCodecKind(encodingName: "H265") == .other)
        #expect(VideoCodecKind(encodingName: "opus") == .other)
        #expect(VideoCodecKind(encodingName: "rtx") == .other)
    }
}
