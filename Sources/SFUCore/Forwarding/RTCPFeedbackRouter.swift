public import RTCWire

/// Reads a subscriber's decrypted RTCP compound packet and finds which of its consumers the
/// publisher must hear about: those asked for a key frame (PLI or FIR), while counting NACKs and
/// reception reports for stats.
///
/// Invariants: `consumers` maps each subscriber-side media SSRC (a consumer's output SSRC) to
/// that consumer's index; it changes only through `setConsumer`/`removeConsumer` (control
/// path). `route` reads the table without changing it, allocates nothing and never traps: it
/// writes each consumer index at most once per compound, never past the caller's buffer.
public struct RTCPFeedbackRouter: Sendable {
    private var consumers: [SSRC: Int32]

    /// A router for `consumers` (output SSRC → consumer index).
    public init(consumers: [SSRC: Int32] = [:]) {
        self.consumers = consumers
    }

    /// Routes feedback about `ssrc` to consumer `index`.
    public mutating func setConsumer(_ index: Int32, for ssrc: SSRC) {
        consumers[ssrc] = index
    }

    /// Stops routing feedback about `ssrc`.
    public mutating func removeConsumer(for ssrc: SSRC) {
        consumers[ssrc] = nil
    }

    /// The consumer index of output SSRC `ssrc`, if any.
    public func consumer(for ssrc: SSRC) -> Int32? {
        consumers[ssrc]
    }

    /// What one compound packet asked for.
    ///
    /// Invariant: `keyFrameRequestCount` indices were written to the start of the caller's
    /// buffer, each different.
    public struct Routing: Equatable, Sendable {
        /// How many consumer indices were written.
        public var keyFrameRequestCount = 0
        public var counts = RTCPFeedbackCounts()
        /// The malformed packet that ended the walk, if one did.
        public var error: RTCPParseError?
    }

    /// Walks `compound` and writes into `keyFrameRequests` the index of each consumer a PLI or a
    /// FIR entry asks for a key frame, once each, in the order first asked; requests that find
    /// the buffer full are counted in `droppedKeyFrameRequests`. Packets before a malformed one
    /// are taken into account.
    public func route(_ compound: UnsafeRawBufferPointer,
                      keyFrameRequests: UnsafeMutableBufferPointer<Int32>) -> Routing {
        var routing = Routing()
        for result in RTCPCompoundPacket(compound) {
            switch result {
            case .failure(let error):
                routing.error = error
                routing.counts.malformedCompounds &+= 1
            case .success(.pictureLossIndication(let pli)):
                if let index = consumers[pli.mediaSSRC] {
                    routing.counts.pictureLossIndications &+= 1
                    requestKeyFrame(index, in: keyFrameRequests, routing: &routing)
                } else {
                    routing.counts.unknownMediaSSRC &+= 1
                }
            case .success(.fullIntraRequest(let fir)):
                for entry in fir.entries {
                    if let index = consumers[entry.ssrc] {
                        routing.counts.fullIntraRequests &+= 1
                        requestKeyFrame(index, in: keyFrameRequests, routing: &routing)
                    } else {
                        routing.counts.unknownMediaSSRC &+= 1
                    }
                }
            case .success(.genericNack(let nack)):
                if consumers[nack.mediaSSRC] != nil {
                    routing.counts.genericNacks &+= 1
                    for entry in nack.entries {
                        routing.counts.nackedPackets &+= 1 &+ UInt64(entry.lostBitmask.nonzeroBitCount)
                    }
                } else {
                    routing.counts.unknownMediaSSRC &+= 1
                }
            case .success(.receiverReport(let report)):
                routing.counts.receiverReports &+= 1
                routing.counts.reportBlocks &+= UInt64(report.reportBlocks.count)
            case .success(.senderReport(let report)):
                routing.counts.reportBlocks &+= UInt64(report.reportBlocks.count)
            case .success:
                continue
            }
        }
        return routing
    }

    /// Writes `index` after those already written, unless it is among them or there is no room.
    private func requestKeyFrame(_ index: Int32, in output: UnsafeMutableBufferPointer<Int32>,
                                 routing: inout Routing) {
        let written = routing.keyFrameRequestCount
        for position in 0..<written where output[position] == index { return }
        guard written < output.count else {
            routing.counts.droppedKeyFrameRequests &+= 1
            return
        }
        output[written] = index
        routing.keyFrameRequestCount = written + 1
    }
}
