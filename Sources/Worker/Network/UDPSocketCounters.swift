/// What one `UDPSocket` did, as plain integers owned by the thread that uses the socket.
///
/// Invariant: counters only grow (wrapping arithmetic, so they never trap).
public struct UDPSocketCounters: Sendable, Hashable {
    /// `recvmmsg` calls that returned datagrams.
    public var receiveCalls = 0
    /// Datagrams delivered to a `ReceivedBatch`.
    public var datagramsReceived = 0
    /// Bytes in those datagrams.
    public var bytesReceived = 0
    /// Datagrams dropped because they did not fit a buffer slot (`MSG_TRUNC`).
    public var truncatedDrops = 0
    /// Datagrams read and dropped because the buffer pool had no free slot.
    public var noBufferDrops = 0
    /// Datagrams dropped because their source was neither IPv4 nor IPv6.
    public var unknownSourceDrops = 0
    /// `recvmmsg` calls that failed (other than "would block").
    public var receiveErrors = 0
    /// `sendmmsg`/`sendmsg` calls.
    public var sendCalls = 0
    /// Datagrams the kernel accepted.
    public var datagramsSent = 0
    /// Bytes in those datagrams (UDP payload).
    public var bytesSent = 0
    /// Datagrams not sent (socket buffer full, or an error).
    public var sendDrops = 0
    /// `UDP_SEGMENT` messages sent (each carrying several datagrams).
    public var segmentedMessages = 0

    public init() {}

    /// Adds `other`'s counts to these (a worker's sockets summed).
    public mutating func add(_ other: UDPSocketCounters) {
        receiveCalls &+= other.receiveCalls
        datagramsReceived &+= other.datagramsReceived
        bytesReceived &+= other.bytesReceived
        truncatedDrops &+= other.truncatedDrops
        noBufferDrops &+= other.noBufferDrops
        unknownSourceDrops &+= other.unknownSourceDrops
        receiveErrors &+= other.receiveErrors
        sendCalls &+= other.sendCalls
        datagramsSent &+= other.datagramsSent
        bytesSent &+= other.bytesSent
        sendDrops &+= other.sendDrops
        segmentedMessages &+= other.segmentedMessages
    }
}
