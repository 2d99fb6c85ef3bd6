public import ICE
public import SRTP
public import RTCWire

/// What a `PeerTransport` tells its owner, taken with `PeerTransport.pollEvent()`, in order.
///
/// Invariant: `dtlsConnected` comes at most once, after ICE connected or at least after a
/// valid check; nothing follows `closed`.
public enum PeerTransportEvent: Sendable, Equatable, CustomStringConvertible {
    case iceStateChanged(ICEConnectionState)
    case selectedPairChanged(ICECandidatePair)
    /// Keys are in place: SRTP with `srtpProfile`, negotiated over the DTLS cipher suite named.
    case dtlsConnected(srtpProfile: SRTPProfile, dtlsCipher: String)
    /// The DTLS association failed (fingerprint mismatch, handshake error or timeout), or the
    /// SRTP session could not be made; the reason is safe to log.
    case dtlsFailed(String)
    /// One DTLS application-data record from the peer: an SCTP packet (data channels).
    case applicationData([UInt8])
    /// The transport closed: the owner closed it, or ICE failed (no nomination in time, or
    /// consent lost, reported just before as `iceStateChanged(.failed)`) and it closed itself.
    /// The owner removes it from its table.
    case closed

    public var description: String {
        switch self {
        case .iceStateChanged(let state): "ICE \(state)"
        case .selectedPairChanged(let pair): "selected pair \(pair)"
        case .dtlsConnected(let profile, let cipher): "DTLS connected, \(profile) over \(cipher)"
        case .dtlsFailed(let reason): "DTLS failed: \(reason)"
        case .applicationData(let bytes): "\(bytes.count) bytes of DTLS application data"
        case .closed: "closed"
        }
    }
}

/// The W3C `RTCDtlsTransportState` of a transport.
public enum DTLSTransportState: String, Sendable, Hashable {
    case new, connecting, connected, closed, failed
}

/// One datagram a `PeerTransport` wrote into the owner's buffer: send its first `byteCount`
/// bytes to `destination` from the socket `socketIndex` names.
public struct PeerTransmit: Sendable, Hashable {
    public let destination: STUNTransportAddress
    public let socketIndex: Int
    public let byteCount: Int
}
