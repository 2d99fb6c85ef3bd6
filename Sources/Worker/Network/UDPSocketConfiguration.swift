/// How a `UDPSocket` is set up.
///
/// Invariants (checked by `UDPSocket.init`): batch sizes are in `1...1024`, buffer sizes are
/// positive.
public struct UDPSocketConfiguration: Sendable, Equatable {
    /// Requested kernel receive buffer (`SO_RCVBUF`, then `SO_RCVBUFFORCE` if the kernel capped
    /// it and the process may exceed `net.core.rmem_max`).
    public var receiveBufferBytes: Int
    /// Requested kernel send buffer (`SO_SNDBUF`, then `SO_SNDBUFFORCE`).
    public var sendBufferBytes: Int
    /// Datagrams read per `recvmmsg` at most.
    public var receiveBatchSize: Int
    /// Datagrams staged for one `sendmmsg` at most.
    public var sendBatchSize: Int
    /// Coalesce runs of equal-size datagrams to one destination into `UDP_SEGMENT` messages when
    /// the kernel supports it.
    public var segmentationOffload: Bool

    public init(
        receiveBufferBytes: Int = 4 << 20,
        sendBufferBytes: Int = 4 << 20,
        receiveBatchSize: Int = 32,
        sendBatchSize: Int = 64,
        segmentationOffload: Bool = true
    ) {
        self.receiveBufferBytes = receiveBufferBytes
        self.sendBufferBytes = sendBufferBytes
        self.receiveBatchSize = receiveBatchSize
        self.sendBatchSize = sendBatchSize
        self.segmentationOffload = segmentationOffload
    }
}
