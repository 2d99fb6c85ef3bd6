import Benchmark
import DTLS
import Glibc

/// Full DTLS 1.2 handshakes per second, in memory: a client and a server endpoint (each with
/// its own ECDSA P-256 certificate, as WebRTC peers have) exchange flights until both have
/// verified the other's certificate against its fingerprint and exported SRTP keys. One
/// iteration is one handshake, so the throughput figure reads as handshakes per second on one
/// thread, which carries both sides' work: a worker that only plays the server side does more.
/// Allocations are not a goal here (OpenSSL allocates per handshake); scripts/bench.sh --check
/// skips benchmarks named "DTLS handshake …" when it asserts zero mallocs.
let benchmarks: @Sendable () -> Void = {
    let quick = getenv("SWITCHBOARD_BENCHMARK_QUICK") != nil
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: quick ? .milliseconds(300) : .seconds(3),
        maxIterations: quick ? 20 : 10_000
    )
    Benchmark("DTLS handshake ECDSA P-256 client+server", configuration: configuration) { benchmark in
        let pair = HandshakePair.shared
        for _ in benchmark.scaledIterations {
            blackHole(pair.handshake())
        }
    }
}

/// Two DTLS contexts (client and server certificates), made once; each `handshake()` makes two
/// fresh endpoints and runs them to `.connected`.
final class HandshakePair: Sendable {
    static let shared = HandshakePair()

    let clientContext: DTLSContext
    let serverContext: DTLSContext

    init() {
        do {
            clientContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
            serverContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
        } catch {
            fatalError("DTLS set-up failed: \(error)")
        }
    }

    /// Runs one handshake; returns the number of datagrams exchanged.
    func handshake() -> Int {
        let client: DTLSEndpoint
        let server: DTLSEndpoint
        do {
            client = try DTLSEndpoint(context: clientContext, role: .client, remoteFingerprints: [serverContext.localFingerprint])
            server = try DTLSEndpoint(context: serverContext, role: .server, remoteFingerprints: [clientContext.localFingerprint])
        } catch {
            fatalError("endpoint failed: \(error)")
        }
        client.start(now: 0)
        server.start(now: 0)
        var datagrams = 0
        for _ in 0..<16 {
            while let datagram = client.pollTransmit() {
                datagram.withUnsafeBytes { server.handleDatagram($0, now: 0) }
                datagrams += 1
            }
            while let datagram = server.pollTransmit() {
                datagram.withUnsafeBytes { client.handleDatagram($0, now: 0) }
                datagrams += 1
            }
            if client.state == .connected && server.state == .connected { return datagrams }
        }
        fatalError("handshake did not complete: client \(client.state), server \(server.state)")
    }
}
