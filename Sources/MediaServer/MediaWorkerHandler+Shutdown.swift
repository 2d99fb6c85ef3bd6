import RTCWire
import SFUCore
import Worker

// Shutdown on one worker: every transport says goodbye (RTCP RR + BYE for the SSRCs the server
// sends on it, protected with SRTCP; then DTLS close_notify), the sends go out at once, and the
// transports are closed and forgotten.
extension MediaWorkerHandler {
    /// Says goodbye on every transport of this worker, flushes the sends, closes and removes
    /// them all; returns what went out.
    mutating func shutDownTransports(context: inout WorkerContext) -> TransportShutdownSummary {
        var summary = TransportShutdownSummary()
        for slot in slots.values.sorted() {
            summary.transports += 1
            summary.goodbyes += sendGoodbye(slot: slot, context: &context)
            if table.transport(at: slot)?.closeSendsCloseNotify == true { summary.closeNotifies += 1 }
            table.close(slot)
            service(slot, context: &context)  // Queues close_notify and removes the closed transport.
        }
        context.transmitter.flush()
        return summary
    }

    /// The SSRCs the server sends on the transport in `slot`: its consumers' on a subscribe
    /// transport, the server's feedback SSRC on a publish transport.
    private func goodbyeSSRCs(slot: Int) -> [SSRC] {
        guard let key = keyOfSlot.indices.contains(slot) ? keyOfSlot[slot] : nil else { return [] }
        switch key.role {
        case .publish: return [Self.feedbackSenderSSRC]
        case .subscribe: return fanout.consumers(ofTransport: slot).compactMap { fanout.consumers[$0]?.ssrc }
        }
    }

    /// Queues the transport's RTCP goodbye datagrams (none when it sends nothing or cannot send
    /// yet); returns how many.
    private mutating func sendGoodbye(slot: Int, context: inout WorkerContext) -> Int {
        let ssrcs = goodbyeSSRCs(slot: slot)
        guard let reporter = ssrcs.first, table.isReadyToSend(slot) else { return 0 }
        var sent = 0
        var next = 0
        while next < ssrcs.count, let buffer = context.pool.acquire() {
            let bytes = context.pool.bytes(of: buffer)
            guard let (length, after) = RTCPGoodbye.write(into: bytes, reporter: reporter, leaving: ssrcs, from: next),
                  let transmit = table.protectRTCP(slot, bytes, length: length)
            else {
                context.pool.release(buffer)
                break
            }
            context.transmitter.send(buffer, length: transmit.byteCount, to: transmit.destination, via: transmit.socketIndex)
            sent += 1
            next = after
        }
        return sent
    }
}
