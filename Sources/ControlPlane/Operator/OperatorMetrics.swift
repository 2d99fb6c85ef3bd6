import Prometheus

/// `GET /metrics`'s body: the figures of an `OperatorStatsReport` in the Prometheus text
/// format (version 0.0.4), written by swift-prometheus from a registry made for this one scrape.
///
/// Names: `switchboard_…`, counters end in `_total`, per-worker series carry `worker="<id>"`;
/// the per-room participant gauge carries `room="<id>"` only while at most `maxRoomLabels`
/// rooms are open (so the number of series stays bounded); the process figures use the
/// conventional `process_resident_memory_bytes` and `process_cpu_seconds_total`. Rates are not
/// exported: Prometheus derives them from the counters (`rate()`).
///
/// Invariant: a figure the report has as null is left out (no series), never written as 0.
public enum OperatorMetrics {
    /// The content type of the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition of `report`.
    public static func text(of report: OperatorStatsReport, maxRoomLabels: Int) -> String {
        let registry = PrometheusCollectorRegistry()
        for worker in report.workers {
            let labels = [("worker", String(worker.id))]
            registry.gauge("worker_transports", "", "Transports open on the media worker.", labels).set(Double(worker.transports))
            registry.counter("worker_packets_received", "UDP datagrams the worker received.", labels, worker.packetsIn)
            registry.counter("worker_packets_sent", "UDP datagrams the worker sent.", labels, worker.packetsOut)
            registry.counter("worker_received_bytes", "Bytes in UDP datagrams the worker received.", labels, worker.bytesIn)
            registry.counter("worker_sent_bytes", "Bytes in UDP datagrams the worker sent.", labels, worker.bytesOut)
            registry.counter("worker_srtp_failures", "SRTP and SRTCP packets that failed to unprotect.", labels, worker.srtpFailures)
            registry.counter("worker_parse_failures", "Datagrams that did not parse.", labels, worker.parseFailures)
            registry.counter(
                "worker_queue_drops", "Packets dropped for want of room (mesh ring full, buffer pool empty, send refused).",
                labels, worker.queueDrops)
            if let cpu = worker.cpuSeconds {
                registry.counter("worker_cpu_seconds", "CPU time the worker thread used.", labels, seconds: cpu)
            }
            registry.gauge("worker_buffer_pool_capacity", "slots", "Packet buffer slots of the worker.", labels)
                .set(Double(worker.bufferPool.capacity))
            registry.gauge("worker_buffer_pool_in_use", "slots", "Packet buffer slots in use.", labels)
                .set(Double(worker.bufferPool.inUse))
        }
        registry.gauge("data_channel_associations", "", "SCTP associations on the data-channel thread.", [])
            .set(Double(report.dataChannels.associations))
        registry.counter(
            "data_channel_queue_drops", "SCTP packets the data-channel thread could not deliver.", [],
            report.dataChannels.queueDrops)
        registry.counter(
            "data_channel_messages_relayed", "Data-channel message copies handed to receivers.", [],
            report.dataChannels.messagesRelayed)
        registry.counter(
            "data_channel_bytes_relayed", "Payload bytes of those messages.", [], report.dataChannels.bytesRelayed)
        registry.counter(
            "data_channel_message_drops", "Data-channel message copies the relay dropped.", [],
            report.dataChannels.messageDrops)
        registry.counter(
            "data_channel_malformed_packets", "SCTP packets from peers that failed the header, port or CRC-32C check.", [],
            report.dataChannels.malformedPackets)
        registry.counter(
            "data_channel_oversize_messages", "Messages from peers over the reassembly limit, discarded.", [],
            report.dataChannels.oversizeMessages)
        registry.counter(
            "data_channel_channel_message_drops",
            "Data-channel messages from peers the channel tables dropped (bad DCEP, unknown stream, refused PPID).", [],
            report.dataChannels.channelMessageDrops)
        if let cpu = report.dataChannels.cpuSeconds {
            registry.counter("data_channel_cpu_seconds", "CPU time the data-channel thread used.", [], seconds: cpu)
        }
        registry.gauge("rooms", "", "Open rooms.", []).set(Double(report.rooms))
        registry.gauge("participants", "", "Participants in open rooms.", []).set(Double(report.participants))
        if report.roomList.count <= maxRoomLabels {
            for room in report.roomList {
                registry.gauge("room_participants", "", "Participants in the room.", [("room", room.id)])
                    .set(Double(room.participants))
            }
        }
        registry.gauge("uptime", "seconds", "Seconds since the server started.", []).set(Double(report.uptimeSeconds))
        writeProcess(report.process, to: registry)
        return registry.emitToString()
    }

    private static func writeProcess(_ process: OperatorStatsReport.Process, to registry: PrometheusCollectorRegistry) {
        if let bytes = process.residentBytes {
            registry.makeGauge(descriptor: MetricNameDescriptor(
                metricName: "process_resident_memory", unitName: "bytes", helpText: "Resident memory size in bytes."))
                .set(Double(bytes))
        }
        if let seconds = process.cpuSeconds {
            registry.makeCounter(descriptor: MetricNameDescriptor(
                metricName: "process_cpu", unitName: "seconds_total", helpText: "Total user and system CPU time spent in seconds."))
                .increment(by: seconds)
        }
        let allocator: [(String, Int?, String)] = [
            ("jemalloc_allocated", process.allocatedBytes, "Bytes in live heap allocations (jemalloc stats.allocated)."),
            ("jemalloc_active", process.allocatorActiveBytes, "Bytes in the allocator's active pages (jemalloc stats.active)."),
            ("jemalloc_resident", process.allocatorResidentBytes, "Bytes in resident pages the allocator maps (jemalloc stats.resident)."),
        ]
        for (name, value, help) in allocator {
            guard let value else { continue }
            registry.gauge(name, "bytes", help, []).set(Double(value))
        }
    }
}

extension PrometheusCollectorRegistry {
    /// A `switchboard_<name>_<unit>` gauge.
    fileprivate func gauge(_ name: String, _ unit: String, _ help: String, _ labels: [(String, String)]) -> Gauge {
        makeGauge(
            descriptor: MetricNameDescriptor(namespace: "switchboard", metricName: name, unitName: unit, helpText: help),
            labels: labels)
    }

    /// A `switchboard_<name>_total` counter at `value`.
    fileprivate func counter(_ name: String, _ help: String, _ labels: [(String, String)], _ value: UInt64) {
        makeCounter(
            descriptor: MetricNameDescriptor(namespace: "switchboard", metricName: name, unitName: "total", helpText: help),
            labels: labels
        ).increment(by: Int64(clamping: value))
    }

    /// A `switchboard_<name>_seconds_total` counter at `seconds`.
    fileprivate func counter(_ name: String, _ help: String, _ labels: [(String, String)], seconds: Double) {
        makeCounter(
            descriptor: MetricNameDescriptor(namespace: "switchboard", metricName: name, unitName: "total", helpText: help),
            labels: labels
        ).increment(by: max(0, seconds))
    }
}
