/// Transport-wide congestion control feedback, TWCC (draft-holmer-rmcat-transport-wide-cc-
/// extensions-01 §3.1, RTPFB FMT 15): for `statusCount` consecutive transport-wide sequence
/// numbers from `baseSequence`, whether each packet arrived and, if so, its arrival time as a
/// delta from the previous one. Read in place.
///
/// Invariant: parsing walked the packet status chunks until they covered `statusCount` packets,
/// found no reserved symbol among the statuses they cover, and checked that the receive deltas
/// those statuses call for fit in the packet; bytes after the deltas (zero padding) are ignored.
/// Valid while the buffer is.
public struct TransportWideFeedback {
    /// Size of the feedback header plus base sequence, status count, reference time and
    /// feedback packet count, before the first chunk.
    static let fixedSize = 20

    public let raw: RTCPRawPacket
    /// Offset, from the start of the packet, of the first receive delta (just after the last
    /// chunk needed for `statusCount` packets).
    public let receiveDeltasOffset: Int

    /// Walks the status chunks once to check that the chunks and their receive deltas fit.
    static func parse(_ raw: RTCPRawPacket) -> Result<TransportWideFeedback, RTCPParseError> {
        if let error = raw.require(fixedSize) { return .failure(error) }
        var remaining = Int(raw.bytes.u16(14))
        var offset = fixedSize
        var deltaBytes = 0
        while remaining > 0 {
            if let error = raw.require(offset + 2) { return .failure(error) }
            let chunk = StatusChunk(rawValue: raw.bytes.u16(offset))
            let covered = min(chunk.capacity, remaining)
            guard let bytes = chunk.receiveDeltaBytes(forFirst: covered) else {
                return .failure(.reservedStatusSymbol(chunkOffset: offset))
            }
            deltaBytes += bytes
            remaining -= covered
            offset += 2
        }
        if let error = raw.require(offset + deltaBytes) { return .failure(error) }
        return .success(TransportWideFeedback(raw: raw, receiveDeltasOffset: offset))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: FeedbackLayout.senderOffset) }
    public var mediaSSRC: SSRC { raw.ssrc(at: FeedbackLayout.mediaSourceOffset) }
    /// Transport-wide sequence number of the first packet reported.
    public var baseSequence: SequenceNumber { SequenceNumber(raw.bytes.u16(12)) }
    /// Number of packets reported, from `baseSequence` on.
    public var statusCount: Int { Int(raw.bytes.u16(14)) }
    /// The 24-bit signed reference time, in multiples of 64 ms, sign-extended.
    public var referenceTime: Int32 { Int32(bitPattern: raw.bytes.u24(16) << 8) >> 8 }
    /// `referenceTime` in microseconds.
    public var referenceTimeMicroseconds: Int64 { Int64(referenceTime) * 64_000 }
    /// Counts the feedback packets sent, modulo 256, so the receiver can detect lost feedback.
    public var feedbackPacketCount: UInt8 { raw.bytes[19] }
    /// The status chunks that cover `statusCount` packets, in wire order.
    public var chunks: StatusChunks { StatusChunks(bytes: raw.bytes, statusCount: statusCount) }
    /// One result per reported packet, in sequence order, with its receive delta.
    public var packetResults: PacketResults {
        PacketResults(bytes: raw.bytes, baseSequence: baseSequence, statusCount: statusCount,
                      receiveDeltasOffset: receiveDeltasOffset)
    }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: FeedbackLayout.senderOffset, field: .sender, using: &mapping)
        packet.rewrite(at: FeedbackLayout.mediaSourceOffset, field: .mediaSource, using: &mapping)
    }

    /// What a packet status symbol says about one packet (draft §3.1.1).
    ///
    /// Invariant: the raw value is the 2-bit symbol; the reserved symbol `11` has no case.
    public enum PacketStatus: UInt8, Sendable {
        case notReceived = 0
        /// Arrived; its receive delta is one unsigned byte (0...63.75 ms).
        case receivedSmallDelta = 1
        /// Arrived; its receive delta is two signed bytes (negative or larger than 63.75 ms).
        case receivedLargeOrNegativeDelta = 2

        /// Bytes of receive delta this status calls for.
        var receiveDeltaSize: Int { Int(rawValue) }

        /// The status that encodes `delta` (in 250 µs units), or `notReceived` for nil.
        init(receiveDelta delta: Int16?) {
            guard let delta else {
                self = .notReceived
                return
            }
            self = (0...255).contains(delta) ? .receivedSmallDelta : .receivedLargeOrNegativeDelta
        }
    }

    /// One reported packet: its transport-wide sequence number, status and, when it arrived, the
    /// time since the previous received packet (or since the reference time, for the first one)
    /// in 250 µs units.
    ///
    /// Invariant: `receiveDelta` is nil exactly when `status` is `notReceived`; it is in 0...255
    /// for `receivedSmallDelta`.
    public struct PacketResult: Equatable, Sendable {
        public let sequence: SequenceNumber
        public let status: PacketStatus
        public let receiveDelta: Int16?

        public init(sequence: SequenceNumber, status: PacketStatus, receiveDelta: Int16?) {
            self.sequence = sequence
            self.status = status
            self.receiveDelta = receiveDelta
        }
    }
}
