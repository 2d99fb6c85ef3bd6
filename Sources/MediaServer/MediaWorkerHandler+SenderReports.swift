#if canImport(Glibc)
import Glibc
#endif
import ICE
import RTCWire
import SFUCore
import Worker

// The server's RTCP sender reports about the streams it forwards, and the stats snapshot that
// shows what they and the subscribers' reports measured. Once a second while this worker has
// consumers, a tick reads the wall clock once and sends each consumer that forwarded anything
// an SR + SDES compound (FanoutTable.writeSenderReport), SRTCP-protected on its subscriber's
// transport; subscribers answer with report blocks that give loss, jitter and round-trip time.
extension MediaWorkerHandler {
    /// The timer token of the sender-report tick (transport timers use their slot number).
    static var senderReportTimerToken: UInt64 { 1 << 63 }
    /// Time between two sender-report ticks.
    static var senderReportInterval: Int64 { 1_000_000_000 }

    /// Schedules the next sender-report tick unless one is pending or no consumer is here.
    mutating func armSenderReportTimer(context: inout WorkerContext) {
        guard senderReportTimer == nil, fanout.consumers.contains(where: { $0 != nil }) else { return }
        senderReportTimer = context.timers.schedule(at: context.now + Self.senderReportInterval, token: Self.senderReportTimerToken)
    }

    /// The sender-report tick: one report per consumer whose subscriber can receive it, then the
    /// next tick.
    mutating func sendSenderReports(context: inout WorkerContext) {
        senderReportTimer = nil
        let ntp = NTPTimestamp(unixNanoseconds: Self.wallClockNanoseconds())
        for index in fanout.consumers.indices {
            guard let transportSlot = fanout.withConsumer(index, { $0.transportSlot }), table.isReadyToSend(transportSlot),
                  let slot = context.pool.acquire()
            else { continue }
            let buffer = context.pool.bytes(of: slot)
            guard let length = fanout.writeSenderReport(of: index, into: buffer, ntp: ntp, now: context.now),
                  let transmit = table.protectRTCP(transportSlot, buffer, length: length)
            else {
                context.pool.release(slot)
                continue
            }
            context.transmitter.send(slot, length: transmit.byteCount, to: transmit.destination, via: transmit.socketIndex)
        }
        armSenderReportTimer(context: &context)
    }

    /// The snapshot of the transport in `slot` with the streams this worker forwards on it.
    mutating func transportSnapshot(slot: Int, now: Timestamp) -> PeerTransportSnapshot? {
        guard var snapshot = table.transport(at: slot)?.snapshot(at: now) else { return nil }
        snapshot.outboundStreams = fanout.outboundSnapshots(transportSlot: slot)
        return snapshot
    }

    /// The wall clock (CLOCK_REALTIME) in nanoseconds since the Unix epoch: read once per tick,
    /// never per packet.
    private static func wallClockNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
