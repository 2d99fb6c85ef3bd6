import Foundation

extension LoadReport {
    /// The report for people: what ran, then one line per figure (the same figures as the JSON).
    public var table: String {
        typealias F = LoadNumberFormat
        var lines: [String] = []
        let pid = server.pid.map { " (pid \($0))" } ?? ""
        lines.append("switchboard-load against \(server.kind)\(pid): \(scenario.summary)")
        lines.append("measured window: \(F.decimal(windowSeconds, places: 1)) s")
        lines.append(row("", pad("packets", 12) + pad("packets/s", 13) + pad("Mbit/s", 10) + pad("total packets", 15)))
        for (name, traffic) in [("sent", sent), ("received", received)] {
            lines.append(row(name, pad(String(traffic.packets), 12) + pad(F.decimal(traffic.packetsPerSecond, places: 1), 13)
                + pad(F.decimal(traffic.bitsPerSecond / 1e6, places: 2), 10) + pad(String(traffic.totalPackets), 15)))
        }
        lines.append(row("loss", "\(lost) of \(expected) probes (\(F.decimal(lossRatio * 100, places: 4)) %), "
            + "\(duplicates) duplicates, \(reordered) reordered"))
        lines.append(row("delay (ms)", delays(delayMs)))
        lines.append(row("jitter (ms)", F.optional(jitterMs, places: 3)))
        lines.append(row("joins", "\(joins) (\(failedJoins) failed); join time p50 \(F.optional(joinMs.p50, places: 0)) ms, "
            + "p99 \(F.optional(joinMs.p99, places: 0)) ms"))
        lines.append(row("receivers", "\(receivers.withMedia) of \(receivers.expected) got media"))
        let perPackets = cpuSecondsPer1000Packets.map { " (\(F.decimal($0, places: 4)) s per 1,000 forwarded packets)" } ?? ""
        let rss = server.rssBytes.map(F.mebibytes) ?? "-"
        lines.append(row("server", "CPU \(F.optional(server.cpuSeconds, places: 2)) s in the window\(perPackets), RSS \(rss)"))
        lines.append(row("harness", "CPU \(F.optional(harness.cpuSeconds, places: 2)) s on \(harness.threads) worker "
            + "thread\(harness.threads == 1 ? "" : "s") (whole process \(F.optional(harness.processCpuSeconds, places: 2)) s)"))
        if let data = dataChannel {
            lines.append(row("data channel", "\(data.messagesSent) messages sent, \(data.messagesReceived) received, "
                + "\(data.lost) of \(data.expected) lost; delay (ms) \(delays(data.delayMs))"))
        }
        let anomalies = [("SRTP failures", counters.srtpFailures), ("send failures", counters.sendFailures),
                         ("dropped datagrams", counters.droppedDatagrams), ("packets without probe", counters.packetsWithoutProbe)]
            .filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        if !anomalies.isEmpty { lines.append(row("anomalies", anomalies.joined(separator: ", "))) }
        for failure in joinFailures { lines.append(row("failed join", "\(failure.participant): \(failure.reason)")) }
        if failedJoins > joinFailures.count { lines.append(row("", "… and \(failedJoins - joinFailures.count) more")) }
        return lines.joined(separator: "\n")
    }

    private func row(_ name: String, _ value: String) -> String {
        "  " + name.padding(toLength: 14, withPad: " ", startingAt: 0) + value
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : String(repeating: " ", count: width - text.count) + text
    }

    private func delays(_ delays: Delays) -> String {
        typealias F = LoadNumberFormat
        return "p50 \(F.optional(delays.p50, places: 3))  p95 \(F.optional(delays.p95, places: 3))  "
            + "p99 \(F.optional(delays.p99, places: 3))  max \(F.optional(delays.max, places: 3))"
    }
}
