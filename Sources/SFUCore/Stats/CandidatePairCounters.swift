public import ICE

/// What went over one candidate pair of a transport, as W3C `candidate-pair` counts it, plain
/// integers owned by the worker.
///
/// Invariants: counters only grow (wrapping); received datagrams are counted only once the
/// pair is valid (the first valid check on it included), sent ones only on a pair already
/// tracked; `lastPacketReceivedAt` is monotonic nanoseconds, nil before the first datagram.
public struct CandidatePairCounters: Sendable, Hashable {
    public let pair: ICECandidatePair
    public var packetsReceived: UInt64 = 0
    public var bytesReceived: UInt64 = 0
    public var packetsSent: UInt64 = 0
    public var bytesSent: UInt64 = 0
    public var lastPacketReceivedAt: Int64?

    public init(pair: ICECandidatePair) {
        self.pair = pair
    }
}
