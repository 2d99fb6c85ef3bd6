import ICE
import LoadModel
import Worker

/// What the pool asks of one of its worker threads.
enum LoadPeerCommand: Sendable {
    /// Start the transport on socket `socketIndex`: ICE begins checking at once.
    case start(TransportStart)
    /// Publishers stop sending (receivers keep counting); answered once done.
    case stopSending(CommandReply<Bool>)
    /// A value copy of everything this worker measured.
    case snapshot(CommandReply<LoadWorkerSnapshot>)
    /// Close every transport (close_notify goes out) and stop sending; answered once done.
    case shutDown(CommandReply<Bool>)
}

/// Everything a worker needs to start one transport.
struct TransportStart: Sendable {
    let number: Int
    let socketIndex: Int
    let credentials: ICECredentials
    let remote: RemoteTransportDescription
    let plan: TransportMediaPlan
    /// Monotonic nanoseconds when the runner called `start`.
    let startedAt: Int64
}

/// One worker's part of a `LoadSnapshot`.
struct LoadWorkerSnapshot: Sendable {
    var transports: [TransportProgress]
    var traffic: TrafficCounters
    var senders: [SenderRecord]
    var receptions: [ReceptionRecord]
    var dataReceptions: [ReceptionRecord]
    var mediaDelays: DelayHistogram
    var dataDelays: DelayHistogram
}
