public import DTLS
public import ICE
public import SDP
public import SFUCore
public import Worker

/// What the control plane asks of one media worker. Commands that answer carry a
/// `CommandReply`, answered on the worker thread.
public enum MediaCommand: Sendable {
    /// Creates the transport `key` with these local credentials; replies false when the worker
    /// already has a transport with that key or that username fragment.
    case open(TransportKey, ICECredentials, CommandReply<Bool>)
    /// Hands the peer's ICE/DTLS parameters and media to the transport, with the server's DTLS
    /// role and the producer of each published section (nil: not forwarded); replies the
    /// error, or nil on success.
    case apply(TransportKey, TransportApplication, CommandReply<PeerTransportError?>)
    /// Makes the consumers of the subscribe transport `key` exactly these.
    case setConsumers(TransportKey, [ConsumerSpec])
    /// Sets the other workers that have consumers of a producer hosted on this worker.
    case setRemoteWorkers(ProducerID, [Int])
    /// Closes and forgets the transport (nothing happens when there is none).
    case close(TransportKey)
    /// Replies a snapshot of the transport, or nil when there is none.
    case snapshot(TransportKey, CommandReply<PeerTransportSnapshot?>)
    /// Replies the worker's own figures (transport count, drops by cause, socket traffic,
    /// buffer-pool use).
    case workerSnapshot(CommandReply<WorkerMediaSnapshot>)
    /// The server is shutting down: says goodbye on every transport (an SRTCP compound RR + BYE
    /// for the SSRCs the server sends on it, then DTLS close_notify), sends it at once, closes
    /// and forgets every transport; replies what went out (`MediaWorkerHandler+Shutdown.swift`).
    case shutDown(CommandReply<TransportShutdownSummary>)
}

/// What `MediaCommand.apply` hands to a transport.
///
/// Invariant: `producers` has one entry per section of `media` (empty for a subscribe
/// transport, whose media is `.none`); `dataAssociation` is set when the transport carries data
/// channels, and names its SCTP association on the data-channel thread.
public struct TransportApplication: Sendable {
    public let remote: RemoteTransportParameters
    public let media: PublishedMedia
    public let dtlsRole: DTLSRole
    public let producers: [ProducerID?]
    public let dataAssociation: UInt64?

    public init(
        remote: RemoteTransportParameters, media: PublishedMedia, dtlsRole: DTLSRole, producers: [ProducerID?],
        dataAssociation: UInt64? = nil
    ) {
        self.remote = remote
        self.media = media
        self.dtlsRole = dtlsRole
        self.producers = producers
        self.dataAssociation = dataAssociation
    }
}
