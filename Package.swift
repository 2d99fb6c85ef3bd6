// swift-tools-version: 6.2
// Switchboard: a WebRTC selective forwarding unit for Linux.
// Module map and layering: docs/ARCHITECTURE.md.
import PackageDescription

/// Debian packages that provide each C library (`scripts/setup.sh` installs them).
let aptProviders: [String: [String]] = [
    "openssl": ["libssl-dev"],
    "usrsctp": ["libusrsctp-dev"],
    "jemalloc": ["libjemalloc-dev"],
]

let package = Package(
    name: "switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .executable(name: "switchboard-load", targets: ["switchboard-load"]),
        .library(name: "RTCWire", targets: ["RTCWire"]),
        .library(name: "SRTP", targets: ["SRTP"]),
        .library(name: "DTLS", targets: ["DTLS"]),
        .library(name: "SCTP", targets: ["SCTP"]),
        .library(name: "Allocator", targets: ["Allocator"]),
        // For Benchmarks/: the fan-out harness drives a real WorkerPool as its peers would.
        .library(name: "SDP", targets: ["SDP"]),
        .library(name: "SFUCore", targets: ["SFUCore"]),
        .library(name: "Worker", targets: ["Worker"]),
        .library(name: "ControlPlane", targets: ["ControlPlane"]),
        .library(name: "MediaServer", targets: ["MediaServer"]),
        .library(name: "MediaContract", targets: ["MediaContract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Already in the graph through Hummingbird and swift-configuration; named here because
        // ControlPlane reads the bound address from NIO's Channel and ServerConfig walks the YAML
        // tree to refuse unknown keys (swift-configuration cannot list a file's keys).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Participant tokens: JWT HS256 (ControlPlane).
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.2.0"),
        // GET /metrics: the Prometheus text format (ControlPlane/Operator).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: C libraries (system-library targets: a module map and one header each)
        // libsrtp2 is Debian's source built with OpenSSL (scripts/build-libsrtp.sh; docs/ARCHITECTURE.md).
        .systemLibrary(name: "CSRTP", pkgConfig: "libsrtp2-switchboard"),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(aptProviders["openssl"]!)]),
        // usrsctp.pc only adds -DINET -DINET6, which SwiftPM refuses (shim.h defines them instead).
        .systemLibrary(name: "CUsrsctp", providers: [.apt(aptProviders["usrsctp"]!)]),
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(aptProviders["jemalloc"]!)]),
        // What Swift cannot import: OpenSSL macros, recvmmsg/sendmmsg, usrsctp's variadic printer,
        // and libsrtp's allocation-free HMAC-SHA1 replacement.
        .target(name: "CSwitchboardShims", dependencies: ["CSRTP", "COpenSSL", "CUsrsctp"]),

        // MARK: Protocol cores (pure Swift, sans-IO)
        .target(name: "RTCWire"),
        .target(name: "SDP", dependencies: ["RTCWire"]),
        .target(name: "ICE", dependencies: ["RTCWire"]),

        // MARK: Swift wrappers, one per C library
        .target(name: "SRTP", dependencies: ["CSRTP", "CSwitchboardShims"]),
        .target(name: "Allocator", dependencies: ["CJemalloc"]),
        .target(name: "DTLS", dependencies: ["COpenSSL", "CSwitchboardShims", "RTCWire", "SRTP"]),
        .target(name: "SCTP", dependencies: ["CUsrsctp", "CSwitchboardShims"]),

        // MARK: Data plane: worker threads, sockets, rings, timers
        .target(name: "Worker", dependencies: ["CSwitchboardShims", "RTCWire"]),

        // MARK: SFU core (sans-IO): transports (ICE + DTLS + SRTP), routing, counters
        .target(name: "SFUCore", dependencies: ["RTCWire", "ICE", "DTLS", "SRTP", "SDP", "SCTP"]),

        // MARK: Server
        .target(
            name: "ServerConfig",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Log lines (text or JSON), the run-time log level, redaction of addresses and credentials.
        .target(name: "ServerLogging", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(
            name: "ControlPlane",
            dependencies: [
                "ServerConfig",
                "ServerLogging",
                "SDP",
                "RTCWire",
                "MediaContract",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // What the control plane and the media engine say to each other (no HTTP, no workers).
        .target(name: "MediaContract", dependencies: ["SDP", "RTCWire"]),
        // The media engine: worker threads hosting SFUCore transports and the forwarding core.
        .target(
            name: "MediaServer",
            dependencies: [
                "SFUCore", "SCTP", "Worker", "MediaContract", "ServerConfig", "ServerLogging", "DTLS", "SRTP", "ICE", "SDP", "RTCWire",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // ControlPlane's MediaEngine and stats provider over MediaServer's worker pool.
        .target(
            name: "MediaEngineAdapter",
            dependencies: ["MediaServer", "MediaContract", "ControlPlane", "SFUCore", "SDP", "ICE", "RTCWire", "Worker", "Allocator"]),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "Allocator",
                "MediaServer",
                "MediaEngineAdapter",
                "DTLS",
                "SRTP",
                "ServerConfig",
                "ServerLogging",
                "ControlPlane",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Load harness (switchboard-load): simulated peers with real ICE, DTLS and SRTP
        // The value types the harness's parts agree on, probes and measurements (pure Swift).
        .target(name: "LoadModel", dependencies: ["RTCWire", "ICE", "SDP"]),
        // Client transports (controlling ICE, DTLS, SRTP) on the harness's own worker threads.
        .target(name: "LoadPeers", dependencies: ["LoadModel", "LoadDataChannels", "ICE", "DTLS", "SRTP", "RTCWire", "SDP", "Worker"]),
        // Data channels of simulated peers (usrsctp through SFUCore's DataChannelConnection).
        .target(name: "LoadDataChannels", dependencies: ["LoadModel", "SFUCore", "SCTP", "RTCWire"]),
        // The servers' APIs (Switchboard REST, Janus VideoRoom long-poll) and the peers' SDP.
        .target(
            name: "LoadSignalling",
            dependencies: [
                "LoadModel", "SDP", "ICE", "RTCWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Scenarios, the run (rooms, join ramp, media, drain), reports.
        .target(
            name: "LoadHarness",
            dependencies: [
                "LoadModel", "LoadPeers", "LoadSignalling", "Worker", "RTCWire", "ICE", "SDP",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "switchboard-load",
            dependencies: ["LoadHarness", "LoadModel", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        // Seeded generators, packet mutators and published test vectors shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RTCWireTests", dependencies: ["RTCWire", "TestSupport"]),
        .testTarget(name: "SDPTests", dependencies: ["SDP", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ICETests", dependencies: ["ICE", "RTCWire", "TestSupport"]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "RTCWire", "TestSupport"]),
        .testTarget(name: "DTLSTests", dependencies: ["DTLS", "SRTP", "TestSupport"]),
        .testTarget(name: "SRTPTests", dependencies: ["SRTP", "RTCWire", "CSwitchboardShims", "TestSupport"], exclude: ["interop"]),
        .testTarget(name: "ServerConfigTests", dependencies: ["ServerConfig"]),
        .testTarget(name: "ServerLoggingTests", dependencies: ["ServerLogging", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "ControlPlaneTests",
            dependencies: [
                "ControlPlane",
                "MediaContract",
                "SDP",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SFUCoreTests", dependencies: ["SFUCore", "SCTP", "DTLS", "SRTP", "ICE", "SDP", "RTCWire", "TestSupport"]),
        .testTarget(
            name: "MediaEngineAdapterTests",
            dependencies: ["MediaEngineAdapter", "MediaServer", "MediaContract", "ControlPlane", "SFUCore", "DTLS", "SRTP", "ICE", "SDP", "RTCWire"]
        ),
        .testTarget(name: "SCTPTests", dependencies: ["SCTP", "TestSupport"]),
        .testTarget(name: "SwitchboardProcessTests", dependencies: ["Allocator", "TestSupport"]),
        // Real peers (aiortc, scripts/setup.sh) against the real binary.
        .testTarget(name: "InteropTests", dependencies: ["TestSupport"]),
        .testTarget(name: "LoadModelTests", dependencies: ["LoadModel", "RTCWire", "TestSupport"]),
        .testTarget(name: "LoadPeersTests", dependencies: ["LoadPeers", "LoadModel", "ICE", "DTLS", "SRTP", "RTCWire", "SDP", "SFUCore", "TestSupport"]),
        .testTarget(name: "LoadDataChannelsTests", dependencies: ["LoadDataChannels", "LoadModel", "SFUCore", "SCTP", "TestSupport"]),
        .testTarget(name: "LoadSignallingTests", dependencies: ["LoadSignalling", "LoadModel", "SDP", "ICE", "RTCWire", "TestSupport"]),
        // The harness end to end against the real switchboard binary (and Janus when installed).
        .testTarget(name: "LoadHarnessTests", dependencies: ["LoadHarness", "LoadModel", "TestSupport"]),
    ]
)
