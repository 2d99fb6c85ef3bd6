/// What one flush of staged datagrams did.
///
/// Invariant: `sent + dropped` equals the number of datagrams that were staged.
public struct SendReport: Sendable, Equatable {
    /// Datagrams the kernel accepted.
    public var sent = 0
    /// Bytes in those datagrams.
    public var bytesSent = 0
    /// Datagrams not sent: the socket buffer was full (`lastErrno == EAGAIN`) or the kernel
    /// refused them (`lastErrno`).
    public var dropped = 0
    /// `UDP_SEGMENT` messages among those sent.
    public var segmentedMessages = 0
    /// `sendmmsg`/`sendmsg` calls made.
    public var systemCalls = 0
    /// The last `errno` seen, 0 when every call succeeded.
    public var lastErrno: Int32 = 0

    public init() {}

    mutating func add(_ other: SendReport) {
        sent &+= other.sent
        bytesSent &+= other.bytesSent
        dropped &+= other.dropped
        segmentedMessages &+= other.segmentedMessages
        systemCalls &+= other.systemCalls
        if other.lastErrno != 0 { lastErrno = other.lastErrno }
    }
}
