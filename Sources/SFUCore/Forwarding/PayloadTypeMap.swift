public import RTCWire
public import SDP

/// Translates a publisher's RTP payload types into one subscriber's, and says for each what the
/// forwarding path needs to know: the clock rate, whether it is an RTX stream (RFC 4588) and of
/// which media payload type, and the codec whose key frames gate a video stream.
///
/// Invariants: `table` always holds 128 entries, one per 7-bit payload type, so a lookup reads
/// one element and allocates nothing; no two mapped payload types share an output payload type;
/// every clock rate is above 0; every RTX mapping retransmits a payload type mapped as media.
public struct PayloadTypeMap: Hashable, Sendable {
    /// What one publisher payload type becomes on the subscriber's side.
    ///
    /// Invariant: `retransmittedPayloadType` is set exactly for RTX payload types; it is the
    /// publisher's (input) media payload type.
    public struct Mapping: Hashable, Sendable {
        /// The payload type written into forwarded packets.
        public let outputPayloadType: PayloadType
        /// The RTP timestamp rate, in Hz.
        public let clockRate: UInt32
        /// The codec for key-frame detection; for RTX, the codec of the media it retransmits.
        public let codec: VideoCodecKind
        /// The publisher's media payload type this RTX payload type retransmits; nil for media.
        public let retransmittedPayloadType: PayloadType?

        public init(outputPayloadType: PayloadType, clockRate: UInt32, codec: VideoCodecKind,
                    retransmittedPayloadType: PayloadType? = nil) {
            self.outputPayloadType = outputPayloadType
            self.clockRate = clockRate
            self.codec = codec
            self.retransmittedPayloadType = retransmittedPayloadType
        }

        /// True for an RTX payload type.
        public var isRetransmission: Bool { retransmittedPayloadType != nil }
    }

    /// One publisher payload type and what it becomes.
    public struct Entry: Hashable, Sendable {
        public let inputPayloadType: PayloadType
        public let mapping: Mapping

        public init(inputPayloadType: PayloadType, mapping: Mapping) {
            self.inputPayloadType = inputPayloadType
            self.mapping = mapping
        }
    }

    /// `table[pt]` is the mapping of publisher payload type `pt`, or nil; always 128 entries.
    private let table: [Mapping?]

    /// A map of `entries`; throws when two share an input or an output payload type, a clock
    /// rate is 0, or an RTX entry retransmits a payload type not mapped as media.
    public init(_ entries: [Entry]) throws(PayloadTypeMapError) {
        var table = [Mapping?](repeating: nil, count: 128)
        var outputs = Set<PayloadType>()
        for entry in entries {
            let input = entry.inputPayloadType
            guard table[Int(input.rawValue)] == nil else { throw .duplicateInput(input) }
            guard entry.mapping.clockRate > 0 else { throw .zeroClockRate(input) }
            guard outputs.insert(entry.mapping.outputPayloadType).inserted else {
                throw .duplicateOutput(entry.mapping.outputPayloadType)
            }
            table[Int(input.rawValue)] = entry.mapping
        }
        for entry in entries {
            guard let media = entry.mapping.retransmittedPayloadType else { continue }
            guard let target = table[Int(media.rawValue)], !target.isRetransmission else {
                throw .retransmissionOfUnmappedMedia(retransmission: entry.inputPayloadType, media: media)
            }
        }
        self.table = table
    }

    /// A map from each publisher codec to the subscriber codec paired with it: the media payload
    /// types with the publisher codec's clock rate and codec kind, and, when both sides have an
    /// RTX payload type, the publisher's RTX payload type to the subscriber's.
    public init(codecs pairs: [(publisher: NegotiatedCodec, subscriber: NegotiatedCodec)]) throws(PayloadTypeMapError) {
        var entries: [Entry] = []
        for (publisher, subscriber) in pairs {
            let clockRate = publisher.rtpmap.clockRate
            let codec = VideoCodecKind(encodingName: publisher.rtpmap.encodingName)
            entries.append(Entry(inputPayloadType: publisher.payloadType, mapping: Mapping(
                outputPayloadType: subscriber.payloadType, clockRate: clockRate, codec: codec)))
            if let input = publisher.rtxPayloadType, let output = subscriber.rtxPayloadType {
                entries.append(Entry(inputPayloadType: input, mapping: Mapping(
                    outputPayloadType: output, clockRate: clockRate, codec: codec,
                    retransmittedPayloadType: publisher.payloadType)))
            }
        }
        try self.init(entries)
    }

    /// What publisher payload type `payloadType` becomes, or nil when it is not forwarded.
    public func mapping(for payloadType: PayloadType) -> Mapping? {
        table[Int(payloadType.rawValue)]
    }
}
