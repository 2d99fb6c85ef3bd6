/// Why a DTLS context, certificate or endpoint could not do what was asked.
///
/// Every case that comes from OpenSSL carries the text of OpenSSL's error queue (`reasons`,
/// oldest first), which is drained when the error is made.
public enum DTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setup call into OpenSSL failed (context, certificate, PEM, endpoint creation).
    case openSSL(operation: String, reasons: [String])
    /// The configuration cannot be used; the text says which value and why.
    case invalidConfiguration(String)
    /// An SDP `a=fingerprint` value could not be parsed; the text says why.
    case invalidFingerprint(String)
    /// The peer's certificate matches none of the fingerprints from its SDP (checked with the
    /// strongest algorithm among those it gave, RFC 8122 §5). No keys were exported.
    case fingerprintMismatch(expected: [DTLSFingerprint], actual: DTLSFingerprint)
    /// The handshake ended with a fatal error: an alert received or sent.
    case handshakeFailed(reasons: [String])
    /// The peer stopped answering: OpenSSL gave up after its retransmission limit.
    case handshakeTimedOut(reasons: [String])
    /// The handshake completed without a DTLS-SRTP profile (no `use_srtp` agreement, RFC 5764).
    case srtpNotNegotiated
    /// The exported keying material did not fit the negotiated profile.
    case keyingMaterial(String)
    /// Application data was offered before the handshake completed or after the endpoint closed
    /// or failed.
    case notConnected
    /// Application data larger than one record that fits the MTU.
    case applicationDataTooLarge(size: Int, limit: Int)
    /// A fatal error after the handshake (reading or writing application data).
    case connectionFailed(reasons: [String])

    public var description: String {
        switch self {
        case let .openSSL(operation, reasons):
            "\(operation) failed" + Self.suffix(reasons)
        case let .invalidConfiguration(reason):
            "invalid DTLS configuration: \(reason)"
        case let .invalidFingerprint(reason):
            "invalid certificate fingerprint: \(reason)"
        case let .fingerprintMismatch(expected, actual):
            "the peer's certificate fingerprint \(actual) matches none of its SDP's: "
                + expected.map(\.description).joined(separator: ", ")
        case let .handshakeFailed(reasons):
            "DTLS handshake failed" + Self.suffix(reasons)
        case let .handshakeTimedOut(reasons):
            "DTLS handshake timed out" + Self.suffix(reasons)
        case .srtpNotNegotiated:
            "DTLS handshake completed without an SRTP protection profile in common"
        case let .keyingMaterial(reason):
            "DTLS-SRTP keying material: \(reason)"
        case .notConnected:
            "DTLS endpoint is not connected"
        case let .applicationDataTooLarge(size, limit):
            "\(size) bytes of application data exceed the \(limit) bytes one DTLS record carries"
        case let .connectionFailed(reasons):
            "DTLS connection failed" + Self.suffix(reasons)
        }
    }

    private static func suffix(_ reasons: [String]) -> String {
        reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
    }
}
