import DTLS
import SRTP
import Testing

/// A DTLS client and server wired back to back in memory, on a fake clock, with every datagram
/// recorded and an optional filter that drops some of them.
final class EndpointPair {
    enum Direction: Sendable, Equatable {
        case clientToServer
        case serverToClient
    }

    let clientCertificate: DTLSCertificate
    let serverCertificate: DTLSCertificate
    let client: DTLSEndpoint
    let server: DTLSEndpoint
    var clientEvents: [DTLSEvent] = []
    var serverEvents: [DTLSEvent] = []
    /// Every datagram either side produced, dropped or not, in order.
    var sent: [(Direction, [UInt8])] = []
    /// Nanoseconds on the fake clock; starts away from zero so that deadlines are not trivially 0.
    var now: UInt64 = 5_000_000_000
    /// Returns false for a datagram that the "network" loses; its argument is the direction and
    /// the index of that datagram among those sent in that direction.
    var deliver: (Direction, Int) -> Bool = { _, _ in true }
    private var counts: [Direction: Int] = [:]

    /// The fingerprints (client expects of the server, server expects of the client) given the
    /// client's and the server's certificates; nil means the right SHA-256 one.
    typealias Expectations = (DTLSCertificate, DTLSCertificate) throws -> ([DTLSFingerprint]?, [DTLSFingerprint]?)

    init(
        clientProfiles: [SRTPProfile] = DTLSConfiguration.defaultSRTPProfiles,
        serverProfiles: [SRTPProfile] = DTLSConfiguration.defaultSRTPProfiles,
        mtu: Int = DTLSConfiguration.defaultMTU,
        initialRetransmissionTimeout: UInt64 = DTLSConfiguration.defaultInitialRetransmissionTimeout,
        expectations: Expectations = { _, _ in (nil, nil) }
    ) throws {
        clientCertificate = try DTLSCertificate.selfSigned(commonName: "client")
        serverCertificate = try DTLSCertificate.selfSigned(commonName: "server")
        let clientContext = try DTLSContext(configuration: DTLSConfiguration(
            certificate: clientCertificate, srtpProfiles: clientProfiles, mtu: mtu,
            initialRetransmissionTimeout: initialRetransmissionTimeout))
        let serverContext = try DTLSContext(configuration: DTLSConfiguration(
            certificate: serverCertificate, srtpProfiles: serverProfiles, mtu: mtu,
            initialRetransmissionTimeout: initialRetransmissionTimeout))
        let (clientExpects, serverExpects) = try expectations(clientCertificate, serverCertificate)
        client = try DTLSEndpoint(
            context: clientContext, role: .client,
            remoteFingerprints: clientExpects ?? [serverCertificate.sha256Fingerprint])
        server = try DTLSEndpoint(
            context: serverContext, role: .server,
            remoteFingerprints: serverExpects ?? [clientCertificate.sha256Fingerprint])
    }

    /// Starts both endpoints and moves datagrams until neither has anything to send, at most
    /// `rounds` times; returns the number of rounds that moved at least one datagram.
    @discardableResult
    func run(rounds: Int = 20) -> Int {
        client.start(now: now)
        server.start(now: now)
        var busy = 0
        for _ in 0..<rounds {
            let moved = flush(.clientToServer) + flush(.serverToClient)
            collectEvents()
            guard moved > 0 else { break }
            busy += 1
            now += 1_000_000
        }
        return busy
    }

    /// Delivers every pending datagram of one direction (unless `deliver` drops it).
    @discardableResult
    func flush(_ direction: Direction) -> Int {
        let (from, to) = direction == .clientToServer ? (client, server) : (server, client)
        var moved = 0
        while let datagram = from.pollTransmit() {
            sent.append((direction, datagram))
            let index = counts[direction, default: 0]
            counts[direction] = index + 1
            moved += 1
            if deliver(direction, index) {
                datagram.withUnsafeBytes { to.handleDatagram($0, now: now) }
            }
        }
        return moved
    }

    func collectEvents() {
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
    }

    var clientKeys: SRTPKeyingMaterial? { Self.keys(in: clientEvents) }
    var serverKeys: SRTPKeyingMaterial? { Self.keys(in: serverEvents) }

    static func keys(in events: [DTLSEvent]) -> SRTPKeyingMaterial? {
        for case let .connected(keyingMaterial, _) in events { return keyingMaterial }
        return nil
    }

    static func failure(in events: [DTLSEvent]) -> DTLSError? {
        for case let .failed(error) in events { return error }
        return nil
    }

    static func applicationData(in events: [DTLSEvent]) -> [[UInt8]] {
        events.compactMap { event in
            if case let .applicationData(bytes) = event { bytes } else { nil }
        }
    }
}

extension DTLSEndpoint {
    func send(_ bytes: [UInt8]) throws(DTLSError) {
        var result: Result<Void, DTLSError> = .success(())
        bytes.withUnsafeBytes { buffer in
            do throws(DTLSError) { try send(applicationData: buffer) } catch { result = .failure(error) }
        }
        try result.get()
    }
}
