public import ICE
public import RTCWire
public import SDP

/// The DTLS role the simulated peer takes on one transport, as the SDP exchange settled it
/// (RFC 8842): `client` when the server's SDP says `a=setup:passive` or when the peer answers an
/// offer (it answers `a=setup:active`), `server` when the server answered `a=setup:active`.
public enum LocalDTLSRole: Sendable, Hashable, CustomStringConvertible {
    case client
    case server

    public var description: String { self == .client ? "client" : "server" }
}

/// The server's side of one transport as its SDP told it: ICE credentials, certificate
/// fingerprints and the UDP candidates the harness may send to.
///
/// Invariants: `candidates` holds only IPv4/IPv6 UDP host candidates whose address the run
/// allows (loopback unless the user names others), best first; it is never empty (an SDP
/// without an allowed candidate is a signalling error, not a description); `fingerprints` is
/// never empty.
public struct RemoteTransportDescription: Sendable, Hashable {
    public var credentials: ICECredentials
    public var fingerprints: [Fingerprint]
    public var candidates: [STUNTransportAddress]
    public var localDTLSRole: LocalDTLSRole
    /// True when the server's SDP says `a=ice-lite` (both Switchboard and Janus in our configs).
    public var isICELite: Bool
    /// The largest data-channel message the server takes (`a=max-message-size`; RFC 8841's
    /// 65,536 when its SDP does not say; 0 means no limit).
    public var maxMessageSize: UInt64

    public init(credentials: ICECredentials, fingerprints: [Fingerprint], candidates: [STUNTransportAddress],
                localDTLSRole: LocalDTLSRole, isICELite: Bool, maxMessageSize: UInt64 = 65_536) {
        self.credentials = credentials
        self.fingerprints = fingerprints
        self.candidates = candidates
        self.localDTLSRole = localDTLSRole
        self.isICELite = isICELite
        self.maxMessageSize = maxMessageSize
    }
}
