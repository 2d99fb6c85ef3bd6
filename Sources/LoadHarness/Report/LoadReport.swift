/// What a load run measured, as printed at the end (`table`) and as `--json` writes it (one
/// object; unknown figures are null, never left out, but for `dataChannel`, present only when
/// the scenario has one).
///
/// Invariants: `sent`/`received` rates are over the measured window (`windowSeconds`, the
/// time everyone had joined and was sending), the `total…` counts over the whole run; loss,
/// delay and jitter are over the whole run, counted after the senders stopped and the last
/// packets had time to arrive; `lost = expected - received probes`, `lossRatio` in 0...1;
/// `server.cpuSeconds` is the server's CPU time over the measured window;
/// `cpuSecondsPer1000Packets` is that per 1,000 packets the harness received in the window (the
/// server's forwarded packets).
public struct LoadReport: Sendable, Codable {
    /// Packets and bytes one direction carried.
    public struct Traffic: Sendable, Codable, Hashable {
        /// In the measured window.
        public var packets: UInt64
        public var bytes: UInt64
        public var packetsPerSecond: Double
        public var bitsPerSecond: Double
        /// Over the whole run.
        public var totalPackets: UInt64
        public var totalBytes: UInt64
    }

    /// Percentiles of a delay, in milliseconds; nil when nothing was measured.
    public struct Delays: Sendable, Codable, Hashable {
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
        public var max: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(p50, forKey: .p50)
            try container.encode(p95, forKey: .p95)
            try container.encode(p99, forKey: .p99)
            try container.encode(max, forKey: .max)
        }
    }

    /// Join times (first API call to first media), in milliseconds.
    public struct JoinTimes: Sendable, Codable, Hashable {
        public var p50: Double?
        public var p99: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(p50, forKey: .p50)
            try container.encode(p99, forKey: .p99)
        }
    }

    /// One participant that did not join, and why.
    public struct JoinFailure: Sendable, Codable, Hashable {
        public var participant: String
        public var reason: String
    }

    public struct Receivers: Sendable, Codable, Hashable {
        /// Receive transports the scenario has.
        public var expected: Int
        /// Those that got media.
        public var withMedia: Int
    }

    /// The measured server.
    public struct Server: Sendable, Codable, Hashable {
        /// "switchboard" or "janus".
        public var kind: String
        public var pid: Int32?
        /// CPU seconds over the measured window.
        public var cpuSeconds: Double?
        /// Resident set at the end of the measured window.
        public var rssBytes: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(pid, forKey: .pid)
            try container.encode(cpuSeconds, forKey: .cpuSeconds)
            try container.encode(rssBytes, forKey: .rssBytes)
        }
    }

    /// The harness itself.
    public struct Harness: Sendable, Codable, Hashable {
        public var threads: Int
        /// CPU seconds of its worker threads over the measured window.
        public var cpuSeconds: Double?
        /// CPU seconds of the whole harness process over the measured window.
        public var processCpuSeconds: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(threads, forKey: .threads)
            try container.encode(cpuSeconds, forKey: .cpuSeconds)
            try container.encode(processCpuSeconds, forKey: .processCpuSeconds)
        }
    }

    /// Data-channel messages, over the whole run.
    public struct DataChannelFigures: Sendable, Codable, Hashable {
        public var messagesSent: UInt64
        public var bytesSent: UInt64
        public var messagesReceived: UInt64
        public var bytesReceived: UInt64
        public var expected: UInt64
        public var lost: UInt64
        public var lossRatio: Double
        public var delayMs: Delays
    }

    /// Counts that explain anomalies (all over the whole run).
    public struct Counters: Sendable, Codable, Hashable {
        public var rtcpPacketsSent: UInt64
        public var rtcpPacketsReceived: UInt64
        public var keyFrameRequestsReceived: UInt64
        public var nacksReceived: UInt64
        public var packetsWithoutProbe: UInt64
        public var srtpFailures: UInt64
        public var droppedDatagrams: UInt64
        public var sendFailures: UInt64
    }

    public var scenario: LoadScenario
    /// Length of the measured window.
    public var windowSeconds: Double
    public var sent: Traffic
    public var received: Traffic
    /// Probes the receivers should have got (each from the first it saw to the sender's last).
    public var expected: UInt64
    public var lost: UInt64
    public var lossRatio: Double
    public var duplicates: UInt64
    public var reordered: UInt64
    public var delayMs: Delays
    /// Mean RFC 3550 interarrival jitter over every (receiver, stream) pair.
    public var jitterMs: Double?
    public var joinMs: JoinTimes
    /// Participants that tried to join.
    public var joins: Int
    public var failedJoins: Int
    /// The first `maximumListedFailures` failed joins.
    public var joinFailures: [JoinFailure]
    public var receivers: Receivers
    public var server: Server
    public var harness: Harness
    public var dataChannel: DataChannelFigures?
    public var cpuSecondsPer1000Packets: Double?
    public var counters: Counters

    public static let maximumListedFailures = 20

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(windowSeconds, forKey: .windowSeconds)
        try container.encode(sent, forKey: .sent)
        try container.encode(received, forKey: .received)
        try container.encode(expected, forKey: .expected)
        try container.encode(lost, forKey: .lost)
        try container.encode(lossRatio, forKey: .lossRatio)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(reordered, forKey: .reordered)
        try container.encode(delayMs, forKey: .delayMs)
        try container.encode(jitterMs, forKey: .jitterMs)
        try container.encode(joinMs, forKey: .joinMs)
        try container.encode(joins, forKey: .joins)
        try container.encode(failedJoins, forKey: .failedJoins)
        try container.encode(joinFailures, forKey: .joinFailures)
        try container.encode(receivers, forKey: .receivers)
        try container.encode(server, forKey: .server)
        try container.encode(harness, forKey: .harness)
        try container.encodeIfPresent(dataChannel, forKey: .dataChannel)
        try container.encode(cpuSecondsPer1000Packets, forKey: .cpuSecondsPer1000Packets)
        try container.encode(counters, forKey: .counters)
    }

    /// True when every participant joined, every receiver got media and nothing was lost.
    public var isClean: Bool {
        failedJoins == 0 && lost == 0 && receivers.withMedia == receivers.expected && (dataChannel?.lost ?? 0) == 0
    }
}
