import SFUCore

/// Why the media side could not start or serve a call.
///
/// Invariant: messages name the address, worker or transport concerned and never hold secrets.
public enum MediaServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A listen address is not a numeric IP.
    case badAddress(String)
    /// A socket or worker thread could not be set up.
    case socket(String)
    /// The DTLS certificate or context is unusable.
    case badCertificate(String)
    /// The configured DTLS certificate and key files could not be loaded (a configuration error).
    case certificateFiles(certificateFile: String, privateKeyFile: String, reason: String)
    /// A configured SRTP profile name is not one the SRTP module knows.
    case unknownSRTPProfile(String)
    /// No worker can take a transport.
    case atCapacity
    /// The worker did not answer, or refused.
    case workerUnavailable(String)
    /// The transport is not open (any more).
    case transportClosed
    /// The transport refused the publisher's parameters.
    case transport(PeerTransportError)

    /// Whether the error comes from the configuration (the process exits 2 for it), not from
    /// the host or a call.
    public var isConfigurationError: Bool {
        switch self {
        case .certificateFiles, .unknownSRTPProfile: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .badAddress(let ip): "listen address \(ip) is not a numeric IPv4 or IPv6 address"
        case .socket(let why): "cannot start a media worker: \(why)"
        case .badCertificate(let why): "unusable DTLS certificate: \(why)"
        case .certificateFiles(let certificate, let key, let reason):
            "dtls.certificateFile \"\(certificate)\" / dtls.privateKeyFile \"\(key)\": expected a PEM certificate "
                + "and its private key: \(reason)"
        case .unknownSRTPProfile(let name): "unknown SRTP profile \(name)"
        case .atCapacity: "no media worker can take another transport"
        case .workerUnavailable(let why): "the media worker did not answer: \(why)"
        case .transportClosed: "the transport is closed"
        case .transport(let error): error.description
        }
    }
}
