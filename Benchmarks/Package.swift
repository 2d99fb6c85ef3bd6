// swift-tools-version: 6.2
// Switchboard's benchmarks: a package of its own (as swift-nio does), so that the server's build
// never pulls in package-benchmark. Run from this folder: `swift package benchmark`
// (see docs/PERFORMANCE.md for the commands and the recorded results).
import PackageDescription
import class Foundation.ProcessInfo
import struct Foundation.URL

/// SwiftPM names a path dependency after its folder, which differs between clones.
let switchboard = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let benchmarkDependencies: [Target.Dependency] = [
    "BenchmarkSupport",
    .product(name: "Benchmark", package: "package-benchmark"),
]

let package = Package(
    name: "SwitchboardBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "RTCWire", package: switchboard),
            ],
            path: "Benchmarks/BenchmarkSupport"
        ),
        .executableTarget(
            name: "WireBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "RTCWire", package: switchboard)],
            path: "Benchmarks/WireBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "SRTPBenchmarks",
            dependencies: benchmarkDependencies + [
                .product(name: "RTCWire", package: switchboard), .product(name: "SRTP", package: switchboard),
            ],
            path: "Benchmarks/SRTPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "DTLSBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DTLS", package: switchboard), .product(name: "SRTP", package: switchboard),
            ],
            path: "Benchmarks/DTLSBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .target(name: "CFanoutSystem", path: "Sources/CFanoutSystem"),
        // A real WorkerPool fed over loopback UDP by peers the harness plays (ICE, DTLS, SRTP).
        .target(
            name: "FanoutHarness",
            dependencies: [
                "CFanoutSystem",
                .product(name: "MediaServer", package: switchboard), .product(name: "MediaContract", package: switchboard),
                .product(name: "SFUCore", package: switchboard), .product(name: "SDP", package: switchboard),
                .product(name: "Worker", package: switchboard), .product(name: "DTLS", package: switchboard),
                .product(name: "SRTP", package: switchboard), .product(name: "RTCWire", package: switchboard),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/FanoutHarness"
        ),
        // Zero allocations per forwarded packet, 1 in -> K out (part of scripts/bench.sh --check).
        .executableTarget(
            name: "FanoutBenchmarks",
            dependencies: ["FanoutHarness", .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/FanoutBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // glibc's heap statistics (mallinfo2), which Swift's Glibc module does not declare.
        .target(name: "CHeapUsage", path: "Sources/CHeapUsage"),
        // The data-channel thread's relay in memory: copies relayed per second, the cost of an
        // association (docs/PERFORMANCE.md "Data channels: the relay thread").
        .executableTarget(
            name: "DataChannelBenchmarks",
            dependencies: [
                "CHeapUsage", .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "SCTP", package: switchboard), .product(name: "SFUCore", package: switchboard),
            ],
            path: "Benchmarks/DataChannelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // Egress packets/s per core, closed loop, next to the C floor (scripts/bench-fanout.sh).
        .executableTarget(
            name: "fanout-throughput",
            dependencies: ["FanoutHarness", .product(name: "SRTP", package: switchboard)],
            path: "Sources/FanoutThroughput"
        ),
    ]
)
