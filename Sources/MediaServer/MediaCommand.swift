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
    /// Hands the publisher's ICE/DTLS parameters and media to the transport; replies the error,
    /// or nil on success.
    case apply(TransportKey, RemoteTransportParameters, PublishedMedia, CommandReply<PeerTransportError?>)
    /// Closes and forgets the transport (nothing happens when there is none).
    case close(TransportKey)
    /// Replies a snapshot of the transport, or nil when there is none.
    case snapshot(TransportKey, CommandReply<PeerTransportSnapshot?>)
    /// Replies the worker's own figures (transport count, drops by cause).
    case workerSnapshot(CommandReply<WorkerMediaSnapshot>)
}
