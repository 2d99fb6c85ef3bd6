/// What shutting the transports down sent, summed over the workers that answered.
///
/// Invariants: `goodbyes` counts RTCP goodbye datagrams (RR + BYE), at least one per transport
/// that could send and had SSRCs to name; `closeNotifies <= transports`.
public struct TransportShutdownSummary: Sendable, Hashable {
    /// Transports closed.
    public var transports = 0
    /// SRTCP-protected RR + BYE compound packets sent.
    public var goodbyes = 0
    /// Transports whose DTLS association was up, so that closing them sent close_notify.
    public var closeNotifies = 0
    /// Workers that did not answer (stopped or busy): their transports are not counted.
    public var unansweredWorkers = 0

    public init() {}

    mutating func add(_ other: TransportShutdownSummary) {
        transports += other.transports
        goodbyes += other.goodbyes
        closeNotifies += other.closeNotifies
        unansweredWorkers += other.unansweredWorkers
    }
}

extension WorkerPool {
    /// Shuts every transport down for the server's shutdown: each worker says goodbye on each
    /// of its transports (RTCP RR + BYE, then DTLS close_notify), sends that at once and closes
    /// them (`MediaCommand.shutDown`), all workers at the same time; then the pool forgets them
    /// (each is reported `closed`, and its data-channel association detached). The workers keep
    /// running until ``stop()``.
    public func shutDownTransports() async -> TransportShutdownSummary {
        let summary = await withTaskGroup(of: TransportShutdownSummary.self) { group in
            for worker in workers {
                group.addTask {
                    guard let answered = try? await worker.request({ .shutDown($0) }) else {
                        var unanswered = TransportShutdownSummary()
                        unanswered.unansweredWorkers = 1
                        return unanswered
                    }
                    return answered
                }
            }
            var total = TransportShutdownSummary()
            for await share in group { total.add(share) }
            return total
        }
        close(where: { _ in true }, forgettingHistory: false)
        return summary
    }
}
