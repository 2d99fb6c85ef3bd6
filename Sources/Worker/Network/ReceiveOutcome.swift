/// What one `UDPSocket.receiveBatch` call did.
public enum ReceiveOutcome: Sendable, Equatable {
    /// `datagrams` were read from the kernel (at least one). Those that were truncated, had an
    /// unknown source family or found no free buffer were dropped and counted; the rest are
    /// `batch.count` entries of the batch. Fewer than the batch could take means the socket's
    /// queue was empty when read.
    case received(datagrams: Int)
    /// Nothing was queued.
    case wouldBlock
    /// `recvmmsg` failed with this errno.
    case failed(errno: Int32)
}
