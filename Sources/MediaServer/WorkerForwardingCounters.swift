public import SFUCore

/// What one worker's forwarding core did, as plain integers owned by the worker.
///
/// Invariants: counters only grow (wrapping); every packet handed to a consumer lands in
/// exactly one of `packetsForwarded`, `consumerDrops` or `poolExhausted`, and every mesh
/// message that did not fit its ring in `meshDrops`.
public struct WorkerForwardingCounters: Sendable, Hashable {
    /// Packets rewritten, protected and queued for a subscriber.
    public var packetsForwarded: UInt64 = 0
    /// Their bytes on the wire (SRTP).
    public var bytesForwarded: UInt64 = 0
    /// Packets a consumer did not send (paused, waiting for a key frame, unmapped payload type,
    /// subscriber transport not ready, SRTP failure).
    public var consumerDrops: UInt64 = 0
    /// Packets not forwarded because the worker's buffer pool was empty.
    public var poolExhausted: UInt64 = 0
    /// Messages to another worker refused because its ring was full.
    public var meshDrops: UInt64 = 0
    /// Packets received from other workers for local consumers.
    public var meshReceived: UInt64 = 0
    /// Key-frame requests (PLI) sent to publishers.
    public var keyFrameRequestsSent: UInt64 = 0
    /// SCTP packets between a transport and the data-channel thread that were dropped (no
    /// association, pool empty, ring full, or the transport gone or unable to send).
    public var dataChannelDrops: UInt64 = 0
    /// What subscribers' RTCP said (key-frame requests, NACKs, reports).
    public var feedback = RTCPFeedbackCounts()

    public init() {}
}
