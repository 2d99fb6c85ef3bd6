public import RTCWire
public import SDP

/// What a publisher said it sends on its publish transport, reduced to what the receive path
/// needs: the accepted audio and video sections, which SSRC belongs to which section, and the
/// id of the `sdes:mid` header extension for streams whose SSRCs were not signalled.
///
/// Invariants: `sections` are the answer's accepted media in offer order; every value of
/// `signalledSSRCs` indexes `sections`; an SSRC that is the second member of an `FID` group is
/// marked as a retransmission stream of its section.
public struct PublishedMedia: Sendable {
    /// One accepted audio or video section.
    public struct Section: Sendable {
        public let mid: Mid
        public let kind: MediaKind
        public let codecs: [NegotiatedCodec]
        /// `mid`'s UTF-8 bytes, compared with the `sdes:mid` element of unsignalled streams.
        let midBytes: [UInt8]
    }

    /// Where a signalled SSRC belongs.
    public struct SSRCOwner: Sendable, Hashable {
        /// Index in `sections`.
        public let section: Int
        /// True for the RTX stream of an `FID` group (RFC 4588).
        public let isRetransmission: Bool
    }

    public let sections: [Section]
    public let signalledSSRCs: [SSRC: SSRCOwner]
    /// The `sdes:mid` extension id the publisher uses (the first section's that names one).
    public let midExtensionID: UInt8?

    /// No media: what a subscribe transport receives (RTCP only).
    public static let none = PublishedMedia(sections: [], signalledSSRCs: [:], midExtensionID: nil)

    private init(sections: [Section], signalledSSRCs: [SSRC: SSRCOwner], midExtensionID: UInt8?) {
        self.sections = sections
        self.signalledSSRCs = signalledSSRCs
        self.midExtensionID = midExtensionID
    }

    /// The media of `answer`'s accepted sections.
    public init(answer: PublishAnswer) {
        var sections: [Section] = []
        var owners: [SSRC: SSRCOwner] = [:]
        var midExtensionID: UInt8?
        for media in answer.media where media.isReceiving {
            let index = sections.count
            sections.append(Section(mid: media.mid, kind: media.kind, codecs: media.codecs, midBytes: Array(media.mid.value.utf8)))
            let retransmissions = Set(media.ssrcGroups.filter { $0.semantics == SSRCGroup.flowIdentification }.compactMap { $0.ssrcs.dropFirst().first })
            for ssrc in media.ssrcs {
                owners[ssrc] = SSRCOwner(section: index, isRetransmission: retransmissions.contains(ssrc))
            }
            if midExtensionID == nil { midExtensionID = media.extensionID(for: HeaderExtensionURI.mid) }
        }
        self.sections = sections
        signalledSSRCs = owners
        self.midExtensionID = midExtensionID
    }

    /// The section whose mid equals `bytes` (an `sdes:mid` element's value), if any.
    func section(forMid bytes: UnsafeRawBufferPointer) -> Int? {
        sections.firstIndex { $0.midBytes.elementsEqual(bytes) }
    }

    /// The codec a packet with `payloadType` carries in `section`, or nil.
    public func codec(_ payloadType: PayloadType, inSection section: Int) -> NegotiatedCodec? {
        guard sections.indices.contains(section) else { return nil }
        return sections[section].codecs.first { $0.payloadType == payloadType }
    }
}
