/// The server's side of a publish transport, as the answer states it.
///
/// Invariants (the caller's to keep): `iceUfrag` is 4–256 and `icePwd` 22–256 ice-chars
/// (RFC 8839 §5.4); `fingerprint` is the digest of the transport's DTLS certificate (sha-256);
/// `candidates` are the worker's host candidates, the first one being the default address the
/// `m=`/`c=` lines carry. `sessionID` stays the same for the transport's life and
/// `sessionVersion` grows with each answer (RFC 8866 §5.2).
public struct LocalTransportParameters: Hashable, Sendable {
    public var iceUfrag: String
    public var icePwd: String
    public var fingerprint: Fingerprint
    public var candidates: [HostCandidate]
    public var sessionID: UInt64
    public var sessionVersion: UInt64
    /// The SCTP port of the data section (`a=sctp-port`).
    public var sctpPort: UInt16
    /// The largest data-channel message the server takes (`a=max-message-size`).
    public var maxMessageSize: UInt64

    public init(
        iceUfrag: String, icePwd: String, fingerprint: Fingerprint, candidates: [HostCandidate],
        sessionID: UInt64, sessionVersion: UInt64 = 1, sctpPort: UInt16 = 5000, maxMessageSize: UInt64 = 262_144
    ) {
        self.iceUfrag = iceUfrag
        self.icePwd = icePwd
        self.fingerprint = fingerprint
        self.candidates = candidates
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.sctpPort = sctpPort
        self.maxMessageSize = maxMessageSize
    }
}

/// A UDP host candidate of the server (RFC 8839), written as
/// `a=candidate:<foundation> 1 udp <priority> <address> <port> typ host`.
///
/// Invariant: `foundation` is 1–32 ice-chars; `address` is an IPv4 or IPv6 address.
public struct HostCandidate: Hashable, Sendable {
    public var foundation: String
    public var address: String
    public var port: UInt16
    public var priority: UInt32

    public init(foundation: String, address: String, port: UInt16, priority: UInt32) {
        self.foundation = foundation
        self.address = address
        self.port = port
        self.priority = priority
    }

    /// The candidate as an SDP `Candidate` (component 1, UDP, host).
    public var candidate: Candidate {
        Candidate(foundation: foundation, component: 1, transport: "udp", priority: priority, address: address, port: port, type: .host)
    }
}
