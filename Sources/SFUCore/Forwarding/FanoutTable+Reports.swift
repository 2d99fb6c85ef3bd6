public import RTCWire

// The RTCP reports of the consumers on one worker: what subscribers say about the streams they
// receive (feedback counts, report blocks), the sender reports the server writes about them
// (RFC 3550 §6.4.1), and their stats snapshots. Walks compounds in place; allocates nothing
// but the snapshots.
extension FanoutTable {
    /// Counts on the consumers of the subscribe transport in `transportSlot` what its decrypted
    /// RTCP `compound`, arrived at `now` (monotonic nanoseconds), says about their SSRCs: NACK,
    /// PLI and FIR messages, and each report block (of an RR or an SR). Packets after a
    /// malformed one are not read.
    public mutating func recordFeedback(_ compound: UnsafeRawBufferPointer, transportSlot: Int, now: Int64) {
        guard let router = feedbackRouter(transportSlot: transportSlot) else { return }
        for result in RTCPCompoundPacket(compound) {
            guard case .success(let packet) = result else { return }
            switch packet {
            case .pictureLossIndication(let pli):
                if let index = router.consumer(for: pli.mediaSSRC) { _ = withConsumer(Int(index)) { $0.statistics.pliCount &+= 1 } }
            case .fullIntraRequest(let fir):
                for entry in fir.entries {
                    if let index = router.consumer(for: entry.ssrc) { _ = withConsumer(Int(index)) { $0.statistics.firCount &+= 1 } }
                }
            case .genericNack(let nack):
                guard let index = router.consumer(for: nack.mediaSSRC) else { continue }
                var nacked: UInt64 = 0
                for entry in nack.entries { nacked &+= 1 &+ UInt64(entry.lostBitmask.nonzeroBitCount) }
                _ = withConsumer(Int(index)) { consumer in
                    consumer.statistics.nackCount &+= 1
                    consumer.statistics.nackedPackets &+= nacked
                }
            case .receiverReport(let report):
                recordBlocks(report.reportBlocks, router: router, now: now)
            case .senderReport(let report):
                recordBlocks(report.reportBlocks, router: router, now: now)
            default:
                continue
            }
        }
    }

    private mutating func recordBlocks(_ blocks: ReportBlocks, router: RTCPFeedbackRouter, now: Int64) {
        for block in blocks {
            if let index = router.consumer(for: block.ssrc) { _ = withConsumer(Int(index)) { $0.statistics.record(block, now: now) } }
        }
    }

    /// Gives every consumer of producer `id` here the publisher's latest clock reference.
    public mutating func setSourceClock(_ clock: SourceClockReference, of id: ProducerID) {
        for index in consumers(of: id) {
            _ = withConsumer(index) { $0.statistics.sourceClock = clock }
        }
    }

    /// Writes into `buffer` the compound RTCP packet of a sender report about consumer `index`'s
    /// stream at monotonic `now` and wall-clock `ntp`: an SR with the packets and payload octets
    /// forwarded so far (their low 32 bits) and the output RTP time of `now`
    /// (`RTPStreamRewriter.outputTimestamp`), then an SDES with its CNAME. Returns the bytes
    /// written and remembers the report for round-trip times; nil, writing nothing that counts,
    /// when the consumer has forwarded nothing yet, sent a report less than
    /// `OutboundStreamStatistics.minimumSenderReportSpacing` ago, or the packet does not fit.
    public mutating func writeSenderReport(
        of index: Int, into buffer: UnsafeMutableRawBufferPointer, ntp: NTPTimestamp, now: Int64
    ) -> Int? {
        withConsumer(index) { consumer -> Int? in
            guard consumer.statistics.isSenderReportDue(now: now),
                  let rtpTimestamp = consumer.rewriter.outputTimestamp(at: now, clock: consumer.statistics.sourceClock)
            else { return nil }
            let counters = consumer.rewriter.counters
            guard let reportLength = SenderReport.write(
                into: buffer, senderSSRC: consumer.ssrc, ntpTimestamp: ntp.rawValue, rtpTimestamp: rtpTimestamp,
                packetCount: UInt32(truncatingIfNeeded: counters.packetsForwarded),
                octetCount: UInt32(truncatingIfNeeded: counters.bytesForwarded), reportBlocks: []),
                let descriptionLength = SourceDescription.writeCNAME(
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[reportLength...]), ssrc: consumer.ssrc,
                    cname: consumer.cname)
            else { return nil }
            consumer.statistics.recordSenderReportSent(ntp: ntp, at: now)
            return reportLength + descriptionLength
        } ?? nil
    }

    /// Snapshots of the consumers of the subscribe transport in `transportSlot`.
    public mutating func outboundSnapshots(transportSlot: Int) -> [OutboundStreamSnapshot] {
        consumers(ofTransport: transportSlot).compactMap { index in
            withConsumer(index) { consumer in
                OutboundStreamSnapshot(
                    ssrc: consumer.ssrc, producer: consumer.producer, isVideo: consumer.rewriter.isVideo,
                    isPaused: consumer.rewriter.isPaused, counters: consumer.rewriter.counters, statistics: consumer.statistics,
                    payloadType: consumer.rewriter.lastOutputPayloadType, clockRate: consumer.rewriter.outputClockRate)
            }
        }
    }
}
