import DTLS
import Testing

@Suite("The peer's certificate is checked against its SDP fingerprints")
struct DTLSFingerprintCheckTests {
    /// A fingerprint of the same algorithm as the real one, with one bit flipped.
    static func wrong(_ fingerprint: DTLSFingerprint) throws -> DTLSFingerprint {
        var digest = fingerprint.digest
        digest[digest.count - 1] ^= 0x01
        return try DTLSFingerprint(algorithm: fingerprint.algorithm, digest: digest)
    }

    @Test("client sees a server certificate that its SDP did not announce: both fail, no keys")
    func clientRejects() throws {
        let decoy = try DTLSCertificate.selfSigned()
        let pair = try EndpointPair { _, _ in ([decoy.sha256Fingerprint], nil) }
        pair.run()
        #expect(pair.clientKeys == nil)
        #expect(pair.serverKeys == nil)
        #expect(pair.client.state == .failed)
        #expect(pair.server.state == .failed)
        let clientError = try #require(EndpointPair.failure(in: pair.clientEvents))
        #expect(clientError == .fingerprintMismatch(
            expected: [decoy.sha256Fingerprint], actual: pair.serverCertificate.sha256Fingerprint))
        // The server learns through the client's fatal alert.
        let serverError = try #require(EndpointPair.failure(in: pair.serverEvents))
        guard case let .handshakeFailed(reasons) = serverError else {
            Issue.record("server: \(serverError)")
            return
        }
        #expect(reasons.contains { $0.contains("alert bad certificate") })
    }

    @Test("server sees a client certificate that its SDP did not announce: both fail, no keys")
    func serverRejects() throws {
        var expected: DTLSFingerprint?
        let rejecting = try EndpointPair { client, _ in
            expected = try Self.wrong(client.sha256Fingerprint)
            return (nil, expected.map { [$0] })
        }
        rejecting.run()
        #expect(rejecting.clientKeys == nil)
        #expect(rejecting.serverKeys == nil)
        let serverError = try #require(EndpointPair.failure(in: rejecting.serverEvents))
        guard case let .fingerprintMismatch(listed, actual) = serverError else {
            Issue.record("server: \(serverError)")
            return
        }
        #expect(listed == expected.map { [$0] })
        #expect(actual == rejecting.clientCertificate.sha256Fingerprint)
        #expect(EndpointPair.failure(in: rejecting.clientEvents) != nil)
        #expect(EndpointPair.applicationData(in: rejecting.clientEvents).isEmpty)
    }

    @Test("a peer that gave only sha-384 or sha-512 is accepted", arguments: [
        DTLSFingerprint.Algorithm.sha384, .sha512,
    ])
    func strongerAlgorithms(_ algorithm: DTLSFingerprint.Algorithm) throws {
        let checked = try EndpointPair { client, server in
            ([try server.fingerprint(algorithm)], [try client.fingerprint(algorithm)])
        }
        checked.run()
        #expect(checked.clientKeys != nil)
        #expect(checked.serverKeys != nil)
        for case let .connected(_, fingerprint) in checked.clientEvents {
            #expect(fingerprint == (try checked.serverCertificate.fingerprint(algorithm)))
        }
    }

    @Test("with several fingerprints the strongest algorithm decides (RFC 8122 §5)")
    func strongestAlgorithmDecides() throws {
        // A correct sha-256 does not help when the sha-512 given is wrong.
        let failing = try EndpointPair { _, server in
            ([server.sha256Fingerprint, try Self.wrong(server.fingerprint(.sha512))], nil)
        }
        failing.run()
        #expect(failing.clientKeys == nil)
        #expect(EndpointPair.failure(in: failing.clientEvents).map { error in
            if case .fingerprintMismatch = error { true } else { false }
        } == true)

        // A wrong sha-256 beside a correct sha-384 is ignored; one of several sha-384s matching suffices.
        let passing = try EndpointPair { _, server in
            let sha384 = try server.fingerprint(.sha384)
            return ([try Self.wrong(server.sha256Fingerprint), try Self.wrong(sha384), sha384], nil)
        }
        passing.run()
        #expect(passing.clientKeys != nil)
        #expect(passing.serverKeys != nil)
    }

    @Test("an endpoint without any remote fingerprint cannot be made")
    func noFingerprint() throws {
        let context = try DTLSContext(configuration: DTLSConfiguration(certificate: DTLSCertificate.selfSigned()))
        #expect(throws: DTLSError.self) { try DTLSEndpoint(context: context, role: .client, remoteFingerprints: []) }
    }
}
