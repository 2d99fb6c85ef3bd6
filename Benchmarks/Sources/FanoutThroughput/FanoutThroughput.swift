import FanoutHarness
import Glibc
import MediaServer
import SRTP
import Worker

/// `fanout-throughput cm|gcm K [secs=3]`: the forwarding core's egress capacity, measured as
/// `../shared/limits/forward_floor.c` measures the C floor. One worker (thread "media-0")
/// pinned to cpu1, the generator and the K sinks on cpu0, closed loop (≤ 2048 packets in
/// flight), 1200-byte payloads, 0.5 s of warm-up, then a window of `secs` seconds. Egress
/// packets/s per core = 1e9 / (worker thread CPU ns + ksoftirqd/1 CPU ns per egress packet).
/// Prints one line in forward_floor's columns, then a comment line with the checks.
@main
enum FanoutThroughput {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3, let subscribers = Int(arguments[2]), (1...256).contains(subscribers) else {
            fail("usage: fanout-throughput cm|gcm K [secs=3]   (K in 1...256, secs in 1...20)")
        }
        let profile: SRTPProfile
        switch arguments[1] {
        case "cm": profile = .aes128CmHmacSha1_80
        case "gcm": profile = .aeadAes128Gcm
        default: fail("unknown profile \(arguments[1]) (use cm|gcm)")
        }
        // Transports keep ICE consent 30 s after the last check; the peers send none after set-up.
        let seconds = arguments.count > 3 ? Double(arguments[3]) ?? 0 : 3
        guard (1...20).contains(seconds) else { fail("secs must be within 1...20") }

        // The worker thread inherits cpu0 from this thread and is moved to cpu1 once found.
        SystemProbe.pin(thread: 0, to: 0)
        let harness: FanoutHarness
        do {
            harness = try await FanoutHarness.start(FanoutOptions(subscriberCount: subscribers, profile: profile, verifyEvery: 1024))
        } catch {
            fail("\(error)")
        }
        guard let workerThread = SystemProbe.threadID(named: FanoutHarness.workerThreadName) else {
            fail("no thread named \(FanoutHarness.workerThreadName)")
        }
        let pinned = SystemProbe.pin(thread: workerThread, to: 1)
        do {
            try harness.prime()
        } catch {
            fail("\(error)")
        }
        let probe = Probe(harness: harness, workerThread: workerThread, softirqThread: SystemProbe.softirqThread(cpu: 1))

        let run = ClosedLoopRun(harness: harness)
        let load = SystemProbe.loadAverage()
        run.start(cpu: 0)
        sleep(nanoseconds: 500_000_000)
        let first = await probe.sample(run)
        sleep(nanoseconds: Int64(seconds * 1e9))
        let second = await probe.sample(run)
        run.stop()
        let final = await harness.pool.workerSnapshots().first?.forwarding
        harness.stop()

        let elapsed = Double(second.time - first.time) / 1e9
        let offered = Double(second.offered - first.offered)
        let egress = Double(second.egress - first.egress)
        let workerCPU = Double(second.workerCPU - first.workerCPU)
        let softirqCPU = Double(second.softirqCPU - first.softirqCPU)
        let perEgress = (workerCPU + softirqCPU) / max(egress, 1)
        let sinks = harness.sinks
        let forwardedTotal = Double(final?.packetsForwarded ?? 0)
        let sinkLoss = forwardedTotal > 0 ? 100 * (forwardedTotal - Double(sinks.received)) / forwardedTotal : 0
        let socketLoss = offered > 0 ? 100 * Double(second.socketDrops - first.socketDrops) / offered : 0

        print("# profile                 K offer_pps    in_pps   egr_pps  cpu%  ksi%  loss%   ns/egr   cap_egr  bad  sink%")
        print(
            pad("switchboard " + arguments[1], 24), format(Double(subscribers), 3), format(offered / elapsed, 9),
            format(Double(second.ingress - first.ingress) / elapsed, 9), format(egress / elapsed, 9),
            format(100 * workerCPU / 1e9 / elapsed, 5, decimals: 1), format(100 * softirqCPU / 1e9 / elapsed, 5, decimals: 1),
            format(socketLoss, 6, decimals: 2), format(perEgress, 8, decimals: 1), format(1e9 / perEgress, 9),
            format(Double(sinks.badPackets), 4), format(sinkLoss, 6, decimals: 2))
        print(
            "# worker on cpu1: \(pinned ? "yes" : "no"); ksoftirqd/1: \(probe.softirqThread.map(String.init) ?? "not found");",
            "load average before: \(load); sinks verified \(sinks.totalVerified) packets, sequence gaps \(sinks.totalLost),",
            "misordered \(sinks.totalMisordered); worker: consumer drops \(final?.consumerDrops ?? 0),",
            "pool exhausted \(final?.poolExhausted ?? 0); generator send failures \(harness.publisher.failed)")
        if let problem = sinks.firstProblem {
            print("# first problem: \(problem)")
            exit(2)
        }
    }

    static func fail(_ message: String) -> Never {
        let line = "fanout-throughput: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        exit(1)
    }

    static func sleep(nanoseconds: Int64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// `value` right-aligned in `width` columns with `decimals` decimals (as printf's %*.*f).
    static func format(_ value: Double, _ width: Int, decimals: Int = 0) -> String {
        let scale = decimals == 2 ? 100.0 : decimals == 1 ? 10.0 : 1.0
        let scaled = Int((value * scale).rounded())
        var text = String(abs(scaled) / Int(scale))
        if decimals > 0 {
            var fraction = String(abs(scaled) % Int(scale))
            while fraction.count < decimals { fraction = "0" + fraction }
            text += "." + fraction
        }
        if scaled < 0 { text = "-" + text }
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
}

/// Reads the run's counters: the worker's (through the pool), its thread's and ksoftirqd/1's
/// CPU time, the generator's and the worker socket's drops.
struct Probe {
    let harness: FanoutHarness
    let workerThread: Int32
    let softirqThread: Int32?

    /// Counters at one moment.
    struct Sample {
        var time: Int64
        var workerCPU: Int64
        var softirqCPU: Int64
        var offered: Int
        var ingress: UInt64
        var egress: UInt64
        var socketDrops: Int
    }

    func sample(_ run: ClosedLoopRun) async -> Sample {
        let worker = await harness.pool.workerSnapshots().first?.forwarding
        let ingress = await harness.pool.report(FanoutHarness.publisherKey)?.snapshot.streams.reduce(0) { $0 + $1.packetsReceived } ?? 0
        return Sample(
            time: MonotonicClock.now(),
            workerCPU: SystemProbe.threadCPUNanoseconds(workerThread) ?? 0,
            softirqCPU: softirqThread.flatMap(SystemProbe.processCPUNanoseconds) ?? 0,
            offered: run.sent.load(ordering: .relaxed),
            ingress: ingress,
            egress: worker?.packetsForwarded ?? 0,
            socketDrops: SystemProbe.udpDrops(port: harness.serverPort) ?? 0)
    }
}
