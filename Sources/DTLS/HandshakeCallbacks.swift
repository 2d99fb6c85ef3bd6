internal import COpenSSL

/// The per-connection state OpenSSL's C callbacks read: the fingerprints the peer's SDP gave,
/// the outcome of checking its certificate against them, and the first retransmission timeout.
///
/// WebRTC certificates are self-signed: the peer is authenticated by the fingerprint its SDP
/// carried over the signalling channel, not by a CA. The context replaces OpenSSL's chain
/// verification with `verifyCallback`, which accepts the peer's leaf certificate exactly when
/// it matches, so a mismatch fails the handshake inside OpenSSL (a `bad_certificate` alert goes
/// to the peer) before any key is derived.
///
/// Invariants: attached to its `SSL` as ex-data index 0 (the "app data" slot) for the SSL's
/// whole life, unretained: the endpoint owns both and frees the SSL first. OpenSSL calls the
/// callbacks only from inside the endpoint's own calls, on the endpoint's thread.
final class HandshakeCallbacks {
    /// Every retransmission timeout is capped here (RFC 6347 §4.2.4.1: at least 60 s).
    static let maximumTimeoutMicroseconds: UInt32 = 60_000_000

    enum Outcome {
        /// The peer's certificate has this fingerprint, which its SDP gave.
        case matched(DTLSFingerprint)
        /// The peer's certificate has this fingerprint, which its SDP did not give.
        case mismatched(DTLSFingerprint)
        /// Computing the peer certificate's fingerprint failed.
        case failed(DTLSError)
    }

    let expected: [DTLSFingerprint]
    let initialTimeoutMicroseconds: UInt32
    private(set) var outcome: Outcome?

    /// - Precondition: `expected` is not empty (the endpoint checks).
    init(expected: [DTLSFingerprint], initialTimeoutMicroseconds: UInt32) {
        self.expected = expected
        self.initialTimeoutMicroseconds = initialTimeoutMicroseconds
    }

    /// Makes `self` what the callbacks of `ssl` find.
    func attach(to ssl: OpaquePointer) -> Bool {
        SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(self).toOpaque()) == 1
    }

    static func attached(to ssl: OpaquePointer?) -> HandshakeCallbacks? {
        guard let ssl, let pointer = SSL_get_ex_data(ssl, 0) else { return nil }
        return Unmanaged<HandshakeCallbacks>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Checks the peer's leaf certificate with the strongest algorithm among `expected`'s: it
    /// must equal one of the fingerprints of that algorithm (RFC 8122 §5).
    func check(peerCertificate x509: OpaquePointer) -> Bool {
        guard let algorithm = expected.map(\.algorithm).max(by: { $0.strength < $1.strength }) else { return false }
        do {
            let actual = try DTLSCertificate.fingerprint(of: x509, algorithm)
            let matches = expected.contains(actual)
            outcome = matches ? .matched(actual) : .mismatched(actual)
            return matches
        } catch {
            outcome = .failed(error)
            return false
        }
    }

    /// `SSL_CTX_set_cert_verify_callback`'s callback: runs in place of `X509_verify_cert` on the
    /// peer's chain once per handshake. Returns 1 to accept, 0 to fail the handshake.
    static let verifyCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { store, _ in
        guard let store,
              let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
              let check = HandshakeCallbacks.attached(to: OpaquePointer(ssl)),
              let leaf = X509_STORE_CTX_get0_cert(store)
        else { return 0 }
        guard check.check(peerCertificate: leaf) else {
            X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED)
            return 0
        }
        return 1
    }

    /// `DTLS_set_timer_cb`'s callback: the next retransmission timeout in microseconds, given
    /// the previous one (0 when a flight is sent for the first time). Doubles, up to 60 s.
    static let timerCallback: @convention(c) (OpaquePointer?, UInt32) -> UInt32 = { ssl, previous in
        guard previous > 0 else {
            return HandshakeCallbacks.attached(to: ssl)?.initialTimeoutMicroseconds ?? 1_000_000
        }
        return min(previous, maximumTimeoutMicroseconds / 2) * 2
    }
}
