/// Where one simulated transport stands.
public enum TransportPhase: Sendable, Hashable, CustomStringConvertible {
    /// Opened (socket bound), not started or ICE/DTLS still running.
    case connecting
    /// ICE selected a pair and DTLS gave SRTP keys.
    case connected
    /// ICE or DTLS failed, with why.
    case failed(String)
    /// Closed by the harness.
    case closed

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case .connected: "connected"
        case .failed(let reason): "failed (\(reason))"
        case .closed: "closed"
        }
    }
}

/// One transport's milestones, in monotonic nanoseconds (the clock the workers read).
public struct TransportProgress: Sendable, Hashable {
    public var transport: Int
    public var phase: TransportPhase
    public var startedAt: Int64?
    public var connectedAt: Int64?
    public var firstMediaSentAt: Int64?
    public var firstMediaReceivedAt: Int64?

    public init(transport: Int, phase: TransportPhase, startedAt: Int64? = nil, connectedAt: Int64? = nil,
                firstMediaSentAt: Int64? = nil, firstMediaReceivedAt: Int64? = nil) {
        self.transport = transport
        self.phase = phase
        self.startedAt = startedAt
        self.connectedAt = connectedAt
        self.firstMediaSentAt = firstMediaSentAt
        self.firstMediaReceivedAt = firstMediaReceivedAt
    }
}

/// Packets and bytes the harness's transports sent and received, summed. Bytes are UDP
/// payload bytes as on the wire (SRTP, with tags). Only media counts as `rtp…`; RTCP, STUN and
/// DTLS have their own counts.
public struct TrafficCounters: Sendable, Hashable {
    public var rtpPacketsSent: UInt64 = 0
    public var rtpBytesSent: UInt64 = 0
    public var rtpPacketsReceived: UInt64 = 0
    public var rtpBytesReceived: UInt64 = 0
    public var rtcpPacketsSent: UInt64 = 0
    public var rtcpPacketsReceived: UInt64 = 0
    /// PLI and FIR the publishers got (each answered with a key frame).
    public var keyFrameRequestsReceived: UInt64 = 0
    public var nacksReceived: UInt64 = 0
    /// Received media whose payload had no probe trailer (not ours: counted, not measured).
    public var packetsWithoutProbe: UInt64 = 0
    public var srtpFailures: UInt64 = 0
    /// Datagrams that were none of STUN/DTLS/RTP/RTCP or came from an unknown address.
    public var droppedDatagrams: UInt64 = 0
    /// Sends the kernel refused or the pool could not buffer.
    public var sendFailures: UInt64 = 0
    public var dataMessagesSent: UInt64 = 0
    public var dataBytesSent: UInt64 = 0
    public var dataMessagesReceived: UInt64 = 0
    public var dataBytesReceived: UInt64 = 0

    public init() {}

    /// Adds every counter of `other`.
    public mutating func add(_ other: TrafficCounters) {
        rtpPacketsSent += other.rtpPacketsSent
        rtpBytesSent += other.rtpBytesSent
        rtpPacketsReceived += other.rtpPacketsReceived
        rtpBytesReceived += other.rtpBytesReceived
        rtcpPacketsSent += other.rtcpPacketsSent
        rtcpPacketsReceived += other.rtcpPacketsReceived
        keyFrameRequestsReceived += other.keyFrameRequestsReceived
        nacksReceived += other.nacksReceived
        packetsWithoutProbe += other.packetsWithoutProbe
        srtpFailures += other.srtpFailures
        droppedDatagrams += other.droppedDatagrams
        sendFailures += other.sendFailures
        dataMessagesSent += other.dataMessagesSent
        dataBytesSent += other.dataBytesSent
        dataMessagesReceived += other.dataMessagesReceived
        dataBytesReceived += other.dataBytesReceived
    }
}

/// Everything the harness's workers measured, at one moment: a value copy collected from every
/// worker thread (`LoadPeerPool.snapshot()`).
///
/// Invariants: `transports` has one entry per opened transport, ordered by number; `senders`
/// one per outgoing stream (media and data); `receptions` one per (receiving transport, stream
/// seen); `mediaDelays` holds every measured RTP probe, `dataDelays` every data-channel one.
public struct LoadSnapshot: Sendable {
    /// Monotonic nanoseconds when the snapshot was requested.
    public var takenAt: Int64
    public var transports: [TransportProgress]
    public var traffic: TrafficCounters
    public var senders: [SenderRecord]
    public var receptions: [ReceptionRecord]
    public var dataReceptions: [ReceptionRecord]
    public var mediaDelays: DelayHistogram
    public var dataDelays: DelayHistogram
    /// CPU seconds the harness's worker threads used so far (from /proc/self/task), nil if unknown.
    public var workerCPUSeconds: Double?

    public init(takenAt: Int64, transports: [TransportProgress], traffic: TrafficCounters, senders: [SenderRecord],
                receptions: [ReceptionRecord], dataReceptions: [ReceptionRecord], mediaDelays: DelayHistogram,
                dataDelays: DelayHistogram, workerCPUSeconds: Double?) {
        self.takenAt = takenAt
        self.transports = transports
        self.traffic = traffic
        self.senders = senders
        self.receptions = receptions
        self.dataReceptions = dataReceptions
        self.mediaDelays = mediaDelays
        self.dataDelays = dataDelays
        self.workerCPUSeconds = workerCPUSeconds
    }
}
