/// Why a `PeerTransport` could not take the publisher's parameters.
///
/// Invariant: the messages never carry an ICE password or key material.
public enum PeerTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The publisher's ICE credentials break RFC 8839's grammar.
    case invalidRemoteCredentials(String)
    /// No usable DTLS fingerprint, or OpenSSL could not make the endpoint.
    case dtls(String)
    /// The transport is closed.
    case closed

    public var description: String {
        switch self {
        case .invalidRemoteCredentials(let why): "the publisher's ICE credentials are unusable: \(why)"
        case .dtls(let why): "the DTLS endpoint could not be made: \(why)"
        case .closed: "the transport is closed"
        }
    }
}
