public import LoadModel

/// What a run reports while it goes: a phase message (joining, waiting for media, draining) or
/// one line per second of the measured window.
public enum LoadProgress: Sendable {
    case phase(String)
    case window(WindowProgress)

    /// The line to print.
    public var line: String {
        switch self {
        case .phase(let message): message
        case .window(let progress): progress.line
        }
    }
}

/// One second of the measured window: rates over the last interval, loss and delay so far.
public struct WindowProgress: Sendable, Hashable {
    public var elapsedSeconds: Double
    public var connected: Int
    public var transports: Int
    public var sentPacketsPerSecond: Double
    public var sentBitsPerSecond: Double
    public var receivedPacketsPerSecond: Double
    public var receivedBitsPerSecond: Double
    /// Loss so far (packets still in flight count as lost until they arrive).
    public var lossRatio: Double
    public var delayP50Milliseconds: Double?
    public var delayP99Milliseconds: Double?

    /// The progress between two snapshots of one pool, `elapsedSeconds` into the window.
    public init(from previous: LoadSnapshot, to current: LoadSnapshot, elapsedSeconds: Double,
                simulcastLayers: Set<ProbeStreamID> = []) {
        let seconds = max(1e-9, Double(current.takenAt - previous.takenAt) / 1e9)
        func rate(_ now: UInt64, _ before: UInt64) -> Double { now >= before ? Double(now - before) / seconds : 0 }
        self.elapsedSeconds = elapsedSeconds
        connected = current.transports.count(where: { $0.phase == .connected })
        transports = current.transports.count
        sentPacketsPerSecond = rate(current.traffic.rtpPacketsSent, previous.traffic.rtpPacketsSent)
        sentBitsPerSecond = 8 * rate(current.traffic.rtpBytesSent, previous.traffic.rtpBytesSent)
        receivedPacketsPerSecond = rate(current.traffic.rtpPacketsReceived, previous.traffic.rtpPacketsReceived)
        receivedBitsPerSecond = 8 * rate(current.traffic.rtpBytesReceived, previous.traffic.rtpBytesReceived)
        lossRatio = RunLoss.summary(receptions: current.receptions, senders: current.senders,
                                    simulcastLayers: simulcastLayers).lossRatio
        delayP50Milliseconds = current.mediaDelays.percentileNanoseconds(0.50).map { Double($0) / 1e6 }
        delayP99Milliseconds = current.mediaDelays.percentileNanoseconds(0.99).map { Double($0) / 1e6 }
    }

    public var line: String {
        typealias F = LoadNumberFormat
        return "[\(F.decimal(elapsedSeconds, places: 0)) s] \(connected)/\(transports) connected  "
            + "sent \(F.decimal(sentPacketsPerSecond, places: 0)) pkt/s \(F.decimal(sentBitsPerSecond / 1e6, places: 2)) Mbit/s  "
            + "received \(F.decimal(receivedPacketsPerSecond, places: 0)) pkt/s "
            + "\(F.decimal(receivedBitsPerSecond / 1e6, places: 2)) Mbit/s  "
            + "loss \(F.decimal(lossRatio * 100, places: 3)) %  "
            + "delay p50 \(F.optional(delayP50Milliseconds, places: 2)) ms p99 \(F.optional(delayP99Milliseconds, places: 2)) ms"
    }
}
