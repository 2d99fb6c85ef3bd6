import DTLS
import TestSupport
import Testing

@Suite("Garbage and damaged datagrams")
struct DTLSRobustnessTests {
    static func garbage(_ generator: inout SplitMix64) -> [UInt8] {
        let length = Int.random(in: 1...1500, using: &generator)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Look like DTLS to the RFC 7983 demultiplexer half of the time.
        if Bool.random(using: &generator) { bytes[0] = UInt8.random(in: 20...63, using: &generator) }
        return bytes
    }

    @Test("random datagrams before, during and after the handshake are ignored")
    func randomDatagrams() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let pair = try EndpointPair()
        func inject() {
            for _ in 0..<20 {
                Self.garbage(&generator).withUnsafeBytes { pair.client.handleDatagram($0, now: pair.now) }
                Self.garbage(&generator).withUnsafeBytes { pair.server.handleDatagram($0, now: pair.now) }
            }
        }
        inject()
        pair.client.start(now: pair.now)
        for _ in 0..<6 {
            inject()
            pair.flush(.clientToServer)
            inject()
            pair.flush(.serverToClient)
        }
        pair.collectEvents()
        #expect(pair.clientKeys != nil)
        #expect(pair.serverKeys != nil)
        inject()
        try pair.client.send(Array("still here".utf8))
        pair.flush(.clientToServer)
        pair.collectEvents()
        #expect(EndpointPair.applicationData(in: pair.serverEvents) == [Array("still here".utf8)])
        #expect(pair.client.state == .connected && pair.server.state == .connected)
    }

    @Test("an empty datagram is ignored")
    func empty() throws {
        let pair = try EndpointPair()
        [UInt8]().withUnsafeBytes { pair.server.handleDatagram($0, now: pair.now) }
        #expect(pair.server.state == .idle)
        pair.run()
        #expect(pair.server.state == .connected)
    }

    @Test("damaged copies of real records never trap: each ends ignored or as a reported failure")
    func damagedRecords() throws {
        var generator = SplitMix64(seed: 0xDA7A)
        let reference = try EndpointPair()
        reference.run()
        try reference.client.send(Array(repeating: 0x42, count: 300))
        reference.flush(.clientToServer)
        let recorded = reference.sent
        let serverCertificate = try DTLSCertificate.selfSigned()
        let context = try DTLSContext(configuration: DTLSConfiguration(certificate: serverCertificate))
        var failures = 0
        for round in 0..<300 {
            let (direction, original) = recorded[round % recorded.count]
            var damaged = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator))
            }
            let endpoint = try DTLSEndpoint(
                context: context, role: direction == .clientToServer ? .server : .client,
                remoteFingerprints: [reference.clientCertificate.sha256Fingerprint])
            endpoint.start(now: 0)
            damaged.withUnsafeBytes { endpoint.handleDatagram($0, now: 1) }
            while endpoint.pollTransmit() != nil {}
            var events: [DTLSEvent] = []
            while let event = endpoint.pollEvent() { events.append(event) }
            #expect(!events.contains { if case .connected = $0 { true } else { false } })
            if endpoint.state == .failed {
                failures += 1
                #expect(EndpointPair.failure(in: events) != nil)
            } else {
                #expect(endpoint.state == .handshaking)
            }
        }
        // Half the rounds truncate or damage a ClientHello, which a server may answer with an alert.
        #expect(failures < 300)
    }

    @Test("damaged application data records after the handshake are discarded, not fatal")
    func damagedApplicationData() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let pair = try EndpointPair()
        pair.run()
        let message = Array(repeating: UInt8(0x42), count: 200)
        try pair.client.send(message)
        let datagram = try #require(pair.client.pollTransmit())
        for _ in 0..<200 {
            var damaged = datagram
            let index = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
            damaged.withUnsafeBytes { pair.server.handleDatagram($0, now: pair.now) }
        }
        datagram.withUnsafeBytes { pair.server.handleDatagram($0, now: pair.now) }
        pair.collectEvents()
        #expect(pair.server.state == .connected)
        #expect(EndpointPair.applicationData(in: pair.serverEvents) == [message])
    }
}
