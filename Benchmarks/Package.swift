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
    ]
)
