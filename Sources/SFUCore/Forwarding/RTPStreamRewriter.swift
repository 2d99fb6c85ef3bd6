public import RTCWire

/// One consumer's output RTP stream: turns each packet of the producer it follows into a packet
/// of the consumer's stream, in place (SSRC, sequence number, timestamp, payload type, header
/// extension IDs), or says why it must be dropped.
///
/// The output is one unbroken stream whatever the input does:
/// - Within one run of the input (one SSRC, no jump), output sequence number = input + a
///   constant offset, so loss stays a hole the subscriber can NACK, and reordered packets keep
///   their place when they are less than `ForwardingSource.reorderWindow` (64) behind the newest
///   and not older than the run's first forwarded packet. Duplicates are dropped. A new
///   padding-only packet is dropped and the offset lowered by one, so it leaves no hole (a late
///   padding-only packet leaves one). Output timestamp = input + a constant offset.
/// - The output re-anchors on the first packet, after `resume()`, when the input SSRC changes
///   (producer restarted or renegotiated) and when the input sequence number jumps by more than
///   `ForwardingSource.maximumJump` (3000): the anchor packet gets the output sequence number
///   after the last one forwarded, and the last output timestamp plus the time elapsed since that
///   packet was forwarded in the packet's clock rate (at least 1 tick). The very first packet
///   gets `initialSequence` and `initialTimestamp`. For `stragglerWindow` after an SSRC change
///   or a jump, late packets of the replaced run (at or behind its newest) are dropped as
///   `.duplicateOrOld` instead of re-anchoring the output back onto it.
/// - Video waits for a key frame at every re-anchor: packets are dropped until one that
///   `KeyFrameDetector` finds starting a key frame of its payload type's codec (payload types of
///   codec `.other` are not gated), and `needsKeyFrame` is true meanwhile. Audio never waits.
/// - Publisher RTX packets, payload types not in `payloadTypes`, and packets without payload
///   (padding only) are dropped, and so is everything while paused.
/// - Header extension IDs are renamed by `extensionIDs` (`RTPPacket.remapExtensionIDs`): an
///   element whose ID is not mapped, or whose new ID the block's one-byte form cannot carry, is
///   erased to zero bytes, which RFC 8285 reads as padding; blocks of other profiles are kept.
///   The marker bit, CSRCs, payload and padding are never touched.
///
/// Invariants: output sequence numbers of packets forwarded in order increase by exactly one
/// per packet, except where input packets of the run were lost or had an unmapped payload type
/// (those leave holes); no two forwarded packets get the same output sequence
/// number within 32768 of each other; `rewrite` allocates nothing, takes no lock and never traps.
public struct RTPStreamRewriter: Sendable {
    /// What to do with a packet.
    public enum Outcome: Hashable, Sendable {
        /// The packet was rewritten in place; send it to the consumer.
        case forward
        /// The packet was left unchanged; do not send it.
        case drop(ForwardingDropReason)
    }

    public let outputSSRC: SSRC
    /// May be replaced between packets (renegotiation); the numbering carries on.
    public var payloadTypes: PayloadTypeMap
    /// May be replaced between packets (renegotiation); the numbering carries on.
    public var extensionIDs: RTPExtensionIDMap
    public let isVideo: Bool
    public let initialSequence: SequenceNumber
    public let initialTimestamp: UInt32
    public private(set) var counters = ForwardingCounters()
    public private(set) var isPaused = false
    /// The payload type of the latest packet forwarded (the subscriber's numbering).
    public private(set) var lastOutputPayloadType: PayloadType?

    /// How long (nanoseconds) late packets of a retired input run are recognized and dropped
    /// rather than taken for a new run: 1 s.
    public static let stragglerWindow: Int64 = 1_000_000_000

    /// The input run being forwarded; nil until the next anchor packet.
    private var source: ForwardingSource?
    /// The run last replaced by a different SSRC or a jump, while its stragglers may arrive.
    private var retired: RetiredSource?
    /// The newest output packet, once one was forwarded.
    private var last: LastOutput?

    private struct RetiredSource: Sendable {
        let source: ForwardingSource
        let retiredAt: Int64
    }

    /// The newest packet forwarded (by output sequence number), when, and its clock rate.
    private struct LastOutput: Sendable {
        var sequence: Int64
        var timestamp: UInt32
        var forwardedAt: Int64
        var clockRate: UInt32
    }

    public init(outputSSRC: SSRC, payloadTypes: PayloadTypeMap, extensionIDs: RTPExtensionIDMap, isVideo: Bool,
                initialSequence: SequenceNumber, initialTimestamp: UInt32) {
        self.outputSSRC = outputSSRC
        self.payloadTypes = payloadTypes
        self.extensionIDs = extensionIDs
        self.isVideo = isVideo
        self.initialSequence = initialSequence
        self.initialTimestamp = initialTimestamp
    }

    /// True while a video stream that is not paused waits for a key frame: its owner should ask
    /// the publisher for one (PLI or FIR, throttled by `KeyFrameRequestThrottle`).
    public var needsKeyFrame: Bool { isVideo && !isPaused && source == nil }

    /// Stops forwarding; every packet is dropped as `.paused` until `resume()`.
    public mutating func pause() {
        isPaused = true
        source = nil
        retired = nil
    }

    /// Forwards again from the next packet that can anchor the output (for video, a key frame
    /// start), numbered right after the last packet forwarded. Does nothing when not paused.
    public mutating func resume() {
        isPaused = false
    }

    /// Rewrites `packet` in place for the consumer and returns `.forward`, or leaves it as it is
    /// and returns why it is dropped. `now` is monotonic time in nanoseconds.
    public mutating func rewrite(_ packet: RTPPacket, now: Int64) -> Outcome {
        let outcome = decide(packet, now: now)
        if case .drop(let reason) = outcome { counters.countDrop(reason) }
        return outcome
    }

    private mutating func decide(_ packet: RTPPacket, now: Int64) -> Outcome {
        guard !isPaused else { return .drop(.paused) }
        let view = packet.view
        guard let mapping = payloadTypes.mapping(for: view.payloadType) else { return .drop(.unmappedPayloadType) }
        guard !mapping.isRetransmission else { return .drop(.retransmission) }
        let hasPayload = !view.payloadRange.isEmpty

        if var current = source, current.ssrc == view.ssrc {
            switch current.place(view.sequenceNumber) {
            case .duplicateOrOld:
                return .drop(.duplicateOrOld)
            case .ahead(let input):
                guard hasPayload else {
                    current.skipAhead(input)
                    source = current
                    return .drop(.paddingOnly)
                }
                let output = current.forwardAhead(input)
                source = current
                emit(packet, mapping: mapping, sequence: output, timestampOffset: current.timestampOffset, now: now)
                return .forward
            case .behind(let input, let distance):
                guard hasPayload else { return .drop(.paddingOnly) }
                let output = current.forwardBehind(input, distance: distance)
                source = current
                emit(packet, mapping: mapping, sequence: output, timestampOffset: current.timestampOffset, now: now)
                return .forward
            case .jump:
                break
            }
        }
        if isStraggler(view, now: now) { return .drop(.duplicateOrOld) }
        if let current = source {
            source = nil
            retired = RetiredSource(source: current, retiredAt: now)
        }

        guard hasPayload else { return .drop(.paddingOnly) }
        if isVideo, mapping.codec != .other, !KeyFrameDetector.isKeyFrameStart(view.payload, codec: mapping.codec) {
            return .drop(.waitingForKeyFrame)
        }
        let anchored = anchor(packet, clockRate: mapping.clockRate, now: now)
        source = anchored
        counters.reanchors &+= 1
        emit(packet, mapping: mapping, sequence: anchored.highest + anchored.sequenceOffset,
             timestampOffset: anchored.timestampOffset, now: now)
        return .forward
    }

    /// The clock rate of the newest packet forwarded, nil before the first.
    public var outputClockRate: UInt32? { last?.clockRate }

    /// The output RTP timestamp of monotonic time `now`, for a sender report: from `clock` (the
    /// publisher's latest report) when it is about the input being forwarded, mapped by that
    /// input's timestamp offset; else the newest output packet's timestamp plus the time since
    /// it was forwarded. Nil before the first packet was forwarded.
    public func outputTimestamp(at now: Int64, clock: SourceClockReference?) -> UInt32? {
        guard let last else { return nil }
        if let source, let clock, clock.ssrc == source.ssrc {
            let elapsed = Self.ticks(elapsed: now &- clock.receivedAt, clockRate: last.clockRate, minimum: 0)
            return clock.rtpTimestamp &+ elapsed &+ source.timestampOffset
        }
        return last.timestamp &+ Self.ticks(elapsed: now &- last.forwardedAt, clockRate: last.clockRate, minimum: 0)
    }

    /// True for a late packet of the run retired less than `stragglerWindow` ago: one at or
    /// behind its newest, rather than a new packet of a restarted stream.
    private func isStraggler(_ view: RTPPacketView, now: Int64) -> Bool {
        guard let retired, retired.source.ssrc == view.ssrc, now - retired.retiredAt < Self.stragglerWindow else {
            return false
        }
        switch retired.source.place(view.sequenceNumber) {
        case .behind, .duplicateOrOld: return true
        case .ahead, .jump: return false
        }
    }

    /// A source anchored on `packet`: numbered after the last output packet, or with the initial
    /// values for the first one.
    private func anchor(_ packet: RTPPacket, clockRate: UInt32, now: Int64) -> ForwardingSource {
        let view = packet.view
        guard let last else {
            return ForwardingSource(ssrc: view.ssrc, sequence: view.sequenceNumber, timestamp: view.timestamp,
                                    outputSequence: Int64(initialSequence.rawValue), outputTimestamp: initialTimestamp)
        }
        let ticks = Self.ticks(elapsed: now - last.forwardedAt, clockRate: clockRate)
        return ForwardingSource(ssrc: view.ssrc, sequence: view.sequenceNumber, timestamp: view.timestamp,
                                outputSequence: last.sequence + 1, outputTimestamp: last.timestamp &+ ticks)
    }

    /// Writes the consumer's header fields into `packet`, counts it, and remembers it when it is
    /// the newest output packet.
    private mutating func emit(_ packet: RTPPacket, mapping: PayloadTypeMap.Mapping, sequence: Int64,
                               timestampOffset: UInt32, now: Int64) {
        let view = packet.view
        let timestamp = view.timestamp &+ timestampOffset
        packet.ssrc = outputSSRC
        packet.sequenceNumber = SequenceNumber(UInt16(truncatingIfNeeded: sequence))
        packet.timestamp = timestamp
        packet.payloadType = mapping.outputPayloadType
        packet.remapExtensionIDs(extensionIDs)
        lastOutputPayloadType = mapping.outputPayloadType

        counters.packetsForwarded &+= 1
        counters.bytesForwarded &+= UInt64(view.payloadRange.count)
        counters.headerBytesForwarded &+= UInt64(view.headerLength)
        counters.paddingBytesForwarded &+= UInt64(view.paddingLength)
        if let last, last.sequence >= sequence { return }
        last = LastOutput(sequence: sequence, timestamp: timestamp, forwardedAt: now, clockRate: mapping.clockRate)
    }

    /// `elapsed` nanoseconds in RTP ticks of `clockRate` (wrapping like RTP timestamps), at
    /// least `minimum` (1 by default, so that a re-anchored stream's timestamp always moves
    /// forward).
    static func ticks(elapsed: Int64, clockRate: UInt32, minimum: UInt32 = 1) -> UInt32 {
        guard elapsed > 0 else { return minimum }
        let nanosecondsPerSecond: Int64 = 1_000_000_000
        let rate = UInt64(clockRate)
        let whole = UInt64(elapsed / nanosecondsPerSecond) &* rate
        let fraction = UInt64(elapsed % nanosecondsPerSecond) * rate / UInt64(nanosecondsPerSecond)
        return max(minimum, UInt32(truncatingIfNeeded: whole &+ fraction))
    }
}
