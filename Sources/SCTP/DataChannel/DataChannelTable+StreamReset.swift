// Closing channels: the two halves of an SCTP stream reset (RFC 8831 §6.7).

extension DataChannelTable {
    /// The peer reset its outgoing direction of these streams: their channels are closing. For
    /// each whose outgoing direction we have not reset yet, our reset is queued (as one
    /// `.resetStreams`); a channel whose both directions are now reset ends with `.closed`.
    /// Streams without a channel are ignored.
    public mutating func handleIncomingStreamsReset(_ streams: [UInt16]) {
        var resetsToRequest: [UInt16] = []
        for id in streams {
            if var progress = refusedStreams[id] {
                progress.incomingReset = true
                refusedStreams[id] = progress.isComplete ? nil : progress
                continue
            }
            guard var record = records[id], record.info.state != .closed, !record.reset.incomingReset else { continue }
            record.reset.incomingReset = true
            if record.reset.outgoing == .notRequested {
                record.reset.outgoing = .requested
                resetsToRequest.append(id)
            }
            record.info.state = .closing
            records[id] = record
            finishClosingIfReset(id)
        }
        if !resetsToRequest.isEmpty { outputs.push(.resetStreams(resetsToRequest)) }
    }

    /// SCTP completed the reset of our outgoing direction of these streams; a channel whose
    /// both directions are now reset ends with `.closed`. Streams we did not ask to reset are
    /// ignored.
    public mutating func handleOutgoingStreamsReset(_ streams: [UInt16]) {
        for id in streams {
            if var progress = refusedStreams[id], progress.outgoing == .requested {
                progress.outgoing = .completed
                refusedStreams[id] = progress.isComplete ? nil : progress
                continue
            }
            guard var record = records[id], record.reset.outgoing == .requested else { continue }
            record.reset.outgoing = .completed
            records[id] = record
            finishClosingIfReset(id)
        }
    }

    private mutating func finishClosingIfReset(_ id: UInt16) {
        guard var record = records[id], record.reset.isComplete, record.info.state != .closed else { return }
        record.info.state = .closed
        records[id] = record
        events.push(.closed(id))
    }
}
