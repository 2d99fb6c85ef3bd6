/// A full intra request, FIR (RFC 5104 §4.3.1, PSFB FMT 4): FCI entries each naming a media
/// sender (SSRC) and a command sequence number, asking it for a decoder refresh point.
/// Read in place.
///
/// Invariant: the packet holds the 12-byte feedback header and at least one 8-byte entry;
/// trailing bytes shorter than an entry are ignored. The header's media source SSRC is unused
/// (0 by RFC 5104). Valid while the buffer is.
public struct FullIntraRequest {
    public let raw: RTCPRawPacket

    /// Checks that the feedback header and at least one entry fit in the packet.
    static func parse(_ raw: RTCPRawPacket) -> Result<FullIntraRequest, RTCPParseError> {
        if let error = raw.require(FeedbackLayout.fciOffset + Entry.size) { return .failure(error) }
        return .success(FullIntraRequest(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: FeedbackLayout.senderOffset) }
    /// The header's media source field (RFC 5104 says 0; the entries name the sources).
    public var mediaSSRC: SSRC { raw.ssrc(at: FeedbackLayout.mediaSourceOffset) }
    public var entries: Entries {
        Entries(bytes: raw.bytes, count: (raw.bytes.count - FeedbackLayout.fciOffset) / Entry.size)
    }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: FeedbackLayout.senderOffset, field: .sender, using: &mapping)
        packet.rewrite(at: FeedbackLayout.mediaSourceOffset, field: .mediaSource, using: &mapping)
        for index in 0..<entries.count {
            packet.rewrite(at: FeedbackLayout.fciOffset + index * Entry.size, field: .fullIntraRequestEntry,
                           using: &mapping)
        }
    }

    /// Writes a FIR into `buffer` with the header's media source set to 0; returns the bytes
    /// written, or nil when it does not fit or `entries` is empty.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC,
                             entries: [Entry]) -> Int? {
        guard !entries.isEmpty else { return nil }
        let size = FeedbackLayout.fciOffset + entries.count * Entry.size
        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.fullIntraRequestFormat, type: .payloadSpecificFeedback,
                              packetSize: size, senderSSRC: senderSSRC, mediaSSRC: SSRC(0))
        for entry in entries {
            writer.ssrc(entry.ssrc)
            writer.u8(entry.sequenceNumber)
            writer.u24(0)
        }
        return writer.finish(expectedSize: size)
    }

    /// One FIR entry: the media sender asked to refresh and the request's command sequence number
    /// (incremented per new request, repeated on retransmission).
    ///
    /// Invariant: any values are valid; the 24 reserved bits are written as 0 and ignored.
    public struct Entry: Equatable, Sendable {
        static let size = 8

        public var ssrc: SSRC
        public var sequenceNumber: UInt8

        public init(ssrc: SSRC, sequenceNumber: UInt8) {
            self.ssrc = ssrc
            self.sequenceNumber = sequenceNumber
        }
    }

    /// The FCI entries of a FIR in wire order, read in place.
    ///
    /// Invariant: `12 + 8 * count <= bytes.count` by construction; the iterator re-checks bounds.
    public struct Entries: Sequence {
        let bytes: UnsafeRawBufferPointer
        public let count: Int

        public func makeIterator() -> Iterator { Iterator(entries: self, index: 0) }

        /// Iteration state over the enclosing sequence; holds offsets only, never copies bytes.
        public struct Iterator: IteratorProtocol {
            let entries: Entries
            var index: Int

            public mutating func next() -> Entry? {
                let start = FeedbackLayout.fciOffset + index * Entry.size
                guard index < entries.count, start + Entry.size <= entries.bytes.count else { return nil }
                index += 1
                return Entry(ssrc: SSRC(entries.bytes.u32(start)), sequenceNumber: entries.bytes[start + 4])
            }
        }
    }
}
