public import MediaContract
public import SFUCore
public import Worker

/// What the control plane (through the `WorkerPool`) asks of the data-channel thread.
public enum DataChannelCommand: Sendable {
    /// Makes the SCTP association for a transport that negotiated data channels.
    case attach(DataChannelAttachment)
    /// Ends the association (its transport closed or ended).
    case detach(UInt64)
    /// Replies the channels the association's peer opened and has open.
    case openedChannels(UInt64, CommandReply<[DataChannelDescription]>)
    /// Replies the `data-channel` stats of the association's channels.
    case statistics(UInt64, CommandReply<[DataChannelStatistics]>)
    /// Replies the thread's own figures (associations, drops, buffer-pool use).
    case threadSnapshot(CommandReply<DataChannelThreadSnapshot>)
}

/// A transport's SCTP association as the pool describes it to the data-channel thread.
///
/// Invariant: `association` is unique in the process for the transport's life; `worker` is the
/// media worker that owns the transport (and encrypts its SCTP packets).
public struct DataChannelAttachment: Sendable {
    public let association: UInt64
    public let peer: DataChannelPeer
    public let worker: Int
    public let isDTLSClient: Bool
    public let transport: DataChannelTransport

    public init(association: UInt64, peer: DataChannelPeer, worker: Int, isDTLSClient: Bool, transport: DataChannelTransport) {
        self.association = association
        self.peer = peer
        self.worker = worker
        self.isDTLSClient = isDTLSClient
        self.transport = transport
    }
}
