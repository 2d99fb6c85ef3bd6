public import LoadModel

/// Everything a run collected for its report: the peers' snapshots at the start and end of the
/// measured window and after the drain, the server's and the harness's figures at the window's
/// edges, and how each participant's join went.
///
/// Invariants: the three snapshots are in time order (`windowStart.takenAt ≤ windowEnd.takenAt
/// ≤ final.takenAt`) and come from one pool, so counters only grow between them.
public struct LoadMeasurements: Sendable {
    public var windowStart: LoadSnapshot
    public var windowEnd: LoadSnapshot
    /// After the senders stopped and the drain: loss, delay and jitter come from it.
    public var final: LoadSnapshot
    public var serverAtStart: ServerProcessSample?
    public var serverAtEnd: ServerProcessSample?
    /// The harness process's CPU seconds at the window's edges.
    public var harnessCPUAtStart: Double?
    public var harnessCPUAtEnd: Double?
    public var joins: [JoinRecord]
    /// Receive transports the scenario asked for (some may never have been opened).
    public var expectedReceivers: Int
    /// The probe streams that are simulcast layers (their loss is counted per span, `RunLoss`).
    public var simulcastLayers: Set<ProbeStreamID>

    public init(windowStart: LoadSnapshot, windowEnd: LoadSnapshot, final: LoadSnapshot,
                serverAtStart: ServerProcessSample?, serverAtEnd: ServerProcessSample?,
                harnessCPUAtStart: Double?, harnessCPUAtEnd: Double?, joins: [JoinRecord], expectedReceivers: Int,
                simulcastLayers: Set<ProbeStreamID> = []) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.final = final
        self.serverAtStart = serverAtStart
        self.serverAtEnd = serverAtEnd
        self.harnessCPUAtStart = harnessCPUAtStart
        self.harnessCPUAtEnd = harnessCPUAtEnd
        self.joins = joins
        self.expectedReceivers = expectedReceivers
        self.simulcastLayers = simulcastLayers
    }
}

extension LoadReport {
    /// The report of a run of `scenario` against a server of `serverKind` (pid when known).
    public init(scenario: LoadScenario, serverKind: String, serverPID: Int32?, measurements: LoadMeasurements) {
        let start = measurements.windowStart
        let end = measurements.windowEnd
        let final = measurements.final
        let seconds = max(0, Double(end.takenAt - start.takenAt) / 1e9)
        let sent = Traffic(
            window: (end.traffic.rtpPacketsSent, end.traffic.rtpBytesSent),
            before: (start.traffic.rtpPacketsSent, start.traffic.rtpBytesSent),
            total: (final.traffic.rtpPacketsSent, final.traffic.rtpBytesSent), seconds: seconds)
        let received = Traffic(
            window: (end.traffic.rtpPacketsReceived, end.traffic.rtpBytesReceived),
            before: (start.traffic.rtpPacketsReceived, start.traffic.rtpBytesReceived),
            total: (final.traffic.rtpPacketsReceived, final.traffic.rtpBytesReceived), seconds: seconds)
        let loss = RunLoss.summary(receptions: final.receptions, senders: final.senders,
                                   simulcastLayers: measurements.simulcastLayers)

        let transports = Dictionary(final.transports.map { ($0.transport, $0) }, uniquingKeysWith: { _, last in last })
        let timeout = Int64(scenario.connectTimeoutSeconds * 1e9)
        var joinTimes: [Int64] = []
        var failures: [JoinFailure] = []
        var failed = 0
        for join in measurements.joins {
            switch join.outcome(transports: transports, connectTimeoutNanoseconds: timeout) {
            case .joined(let nanoseconds):
                joinTimes.append(nanoseconds)
            case .failed(let reason):
                failed += 1
                if failures.count < Self.maximumListedFailures {
                    failures.append(JoinFailure(participant: join.participant, reason: reason))
                }
            }
        }
        joinTimes.sort()
        let withMedia = measurements.joins.count(where: { join in
            join.receiveTransport.flatMap { transports[$0]?.firstMediaReceivedAt } != nil
        })

        let serverCPU = Self.difference(measurements.serverAtStart?.cpuSeconds, measurements.serverAtEnd?.cpuSeconds)
        self.init(
            scenario: scenario, windowSeconds: seconds, sent: sent, received: received,
            expected: loss.expected, lost: loss.lost, lossRatio: loss.lossRatio, duplicates: loss.duplicates,
            reordered: loss.reordered, delayMs: Delays(final.mediaDelays), jitterMs: Self.meanJitter(final.receptions),
            joinMs: JoinTimes(p50: Self.percentile(joinTimes, 0.50), p99: Self.percentile(joinTimes, 0.99)),
            joins: measurements.joins.count, failedJoins: failed, joinFailures: failures,
            receivers: Receivers(expected: measurements.expectedReceivers, withMedia: withMedia),
            server: Server(kind: serverKind, pid: serverPID, cpuSeconds: serverCPU,
                           rssBytes: measurements.serverAtEnd?.residentBytes ?? measurements.serverAtStart?.residentBytes),
            harness: Harness(threads: scenario.threads,
                             cpuSeconds: Self.difference(start.workerCPUSeconds, end.workerCPUSeconds),
                             processCpuSeconds: Self.difference(measurements.harnessCPUAtStart, measurements.harnessCPUAtEnd)),
            dataChannel: scenario.dataChannel == nil ? nil : DataChannelFigures(final),
            cpuSecondsPer1000Packets: serverCPU.flatMap { cpu in received.packets > 0 ? cpu / Double(received.packets) * 1000 : nil },
            counters: Counters(final.traffic))
    }

    /// `end - start` when both are known (never negative).
    static func difference(_ start: Double?, _ end: Double?) -> Double? {
        guard let start, let end else { return nil }
        return max(0, end - start)
    }

    /// Nearest-rank percentile of sorted nanoseconds, in milliseconds.
    static func percentile(_ sorted: [Int64], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
        return Double(sorted[min(rank, sorted.count) - 1]) / 1e6
    }

    static func meanJitter(_ receptions: [ReceptionRecord]) -> Double? {
        let measured = receptions.filter { $0.reception.uniquePackets > 1 }
        guard !measured.isEmpty else { return nil }
        return measured.reduce(0) { $0 + $1.reception.jitterNanoseconds } / Double(measured.count) / 1e6
    }
}

extension LoadReport.Traffic {
    init(window end: (UInt64, UInt64), before start: (UInt64, UInt64), total: (UInt64, UInt64), seconds: Double) {
        packets = end.0 >= start.0 ? end.0 - start.0 : 0
        bytes = end.1 >= start.1 ? end.1 - start.1 : 0
        packetsPerSecond = seconds > 0 ? Double(packets) / seconds : 0
        bitsPerSecond = seconds > 0 ? Double(bytes) * 8 / seconds : 0
        totalPackets = total.0
        totalBytes = total.1
    }
}

extension LoadReport.Delays {
    init(_ histogram: DelayHistogram) {
        func milliseconds(_ fraction: Double) -> Double? { histogram.percentileNanoseconds(fraction).map { Double($0) / 1e6 } }
        p50 = milliseconds(0.50)
        p95 = milliseconds(0.95)
        p99 = milliseconds(0.99)
        max = histogram.count > 0 ? Double(histogram.maximumNanoseconds) / 1e6 : nil
    }
}

extension LoadReport.DataChannelFigures {
    init(_ snapshot: LoadSnapshot) {
        let loss = LossSummary(receptions: snapshot.dataReceptions, senders: snapshot.senders)
        messagesSent = snapshot.traffic.dataMessagesSent
        bytesSent = snapshot.traffic.dataBytesSent
        messagesReceived = snapshot.traffic.dataMessagesReceived
        bytesReceived = snapshot.traffic.dataBytesReceived
        expected = loss.expected
        lost = loss.lost
        lossRatio = loss.lossRatio
        delayMs = LoadReport.Delays(snapshot.dataDelays)
    }
}

extension LoadReport.Counters {
    init(_ traffic: TrafficCounters) {
        rtcpPacketsSent = traffic.rtcpPacketsSent
        rtcpPacketsReceived = traffic.rtcpPacketsReceived
        keyFrameRequestsReceived = traffic.keyFrameRequestsReceived
        nacksReceived = traffic.nacksReceived
        packetsWithoutProbe = traffic.packetsWithoutProbe
        srtpFailures = traffic.srtpFailures
        droppedDatagrams = traffic.droppedDatagrams
        sendFailures = traffic.sendFailures
    }
}
