import FanoutHarness
import Glibc
import MediaServer
import SRTP
import Worker

// fanout-throughput cm|gcm K [secs=3]
//
// The forwarding core's egress capacity, measured as ../shared/limits/forward_floor.c measures
// the C floor: one worker (thread "media-0") pinned to cpu1, the generator and the K sinks on
// cpu0, closed loop (≤ 2048 packets in flight), 1200-byte payloads, 0.5 s of warm-up, then a
// window of `secs` seconds. Egress packets/s per core = 1e9 / (worker thread CPU ns +
// ksoftirqd/1 CPU ns per egress packet). Prints one line in forward_floor's columns.

func fail(_ message: String) -> Never {
    fputs("fanout-throughput: \(message)\n", stderr)
    exit(1)
}

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
// Transports keep ICE consent for 30 s without a new check; the peers send none after set-up.
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
let softirqThread = SystemProbe.softirqThread(cpu: 1)
let publishKey = TransportKey(room: "fanout", participant: "publisher", role: .publish)

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
    let ingress = await harness.pool.report(publishKey)?.snapshot.streams.reduce(0) { $0 + $1.packetsReceived } ?? 0
    return Sample(
        time: MonotonicClock.now(),
        workerCPU: SystemProbe.threadCPUNanoseconds(workerThread) ?? 0,
        softirqCPU: softirqThread.flatMap(SystemProbe.processCPUNanoseconds) ?? 0,
        offered: run.sent.load(ordering: .relaxed),
        ingress: ingress,
        egress: worker?.packetsForwarded ?? 0,
        socketDrops: SystemProbe.udpDrops(port: harness.serverPort) ?? 0)
}

let run = ClosedLoopRun(harness: harness)
let load = SystemProbe.loadAverage()
run.start(cpu: 0)
usleep(500_000)
let first = await sample(run)
usleep(UInt32(seconds * 1_000_000))
let second = await sample(run)
run.stop()
let final = await harness.pool.workerSnapshots().first?.forwarding
harness.stop()

let elapsed = Double(second.time - first.time) / 1e9
let offered = Double(second.offered - first.offered)
let ingress = Double(second.ingress - first.ingress)
let egress = Double(second.egress - first.egress)
let workerCPU = Double(second.workerCPU - first.workerCPU)
let softirqCPU = Double(second.softirqCPU - first.softirqCPU)
let nanosecondsPerEgress = (workerCPU + softirqCPU) / max(egress, 1)
let sinks = harness.sinks
let forwardedTotal = Double(final?.packetsForwarded ?? 0)
let sinkLoss = forwardedTotal > 0 ? 100 * (forwardedTotal - Double(sinks.received)) / forwardedTotal : 0

func column(_ value: Double, _ width: Int, _ decimals: Int = 0) -> String {
    let text: String
    if decimals == 0 {
        text = String(Int(value.rounded()))
    } else {
        let scale = Double([1, 10, 100][min(decimals, 2)])
        let scaled = Int((value * scale).rounded())
        let whole = String(scaled / Int(scale))
        var fraction = String(abs(scaled % Int(scale)))
        while fraction.count < decimals { fraction = "0" + fraction }
        text = (scaled < 0 && scaled / Int(scale) == 0 ? "-" : "") + whole + "." + fraction
    }
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

func left(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

print("# profile                 K offer_pps    in_pps   egr_pps  cpu%  ksi%  loss%   ns/egr   cap_egr  bad  sink%")
print(left("switchboard " + (profile == .aeadAes128Gcm ? "gcm" : "cm"), 24), column(Double(subscribers), 3),
      column(offered / elapsed, 9), column(ingress / elapsed, 9), column(egress / elapsed, 9),
      column(100 * workerCPU / 1e9 / elapsed, 5, 1), column(100 * softirqCPU / 1e9 / elapsed, 5, 1),
      column(offered > 0 ? 100 * Double(second.socketDrops - first.socketDrops) / offered : 0, 6, 2),
      column(nanosecondsPerEgress, 8, 1), column(1e9 / nanosecondsPerEgress, 9), column(Double(sinks.badPackets), 4),
      column(sinkLoss, 6, 2))
print("# worker on cpu1: \(pinned ? "yes" : "no (not pinned)"); ksoftirqd/1: \(softirqThread.map(String.init) ?? "not found");",
      "load average before: \(load); sinks verified \(sinks.totalVerified) packets, sequence gaps \(sinks.totalLost),",
      "misordered \(sinks.totalMisordered); worker drops: consumer \(final?.consumerDrops ?? 0), pool \(final?.poolExhausted ?? 0)")
if let problem = sinks.firstProblem {
    print("# first problem: \(problem)")
    exit(2)
}
