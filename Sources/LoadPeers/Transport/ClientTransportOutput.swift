public import RTCWire
public import SRTP

/// What a `ClientTransport` made of one received datagram.
///
/// Invariant: for `rtp` and `rtcp` the caller's buffer holds the decrypted packet in its first
/// `length` bytes, in place of the SRTP/SRTCP datagram.
public enum ClientTransportInput: Sendable, Hashable {
    /// Used inside the transport (STUN, DTLS).
    case consumed
    /// A decrypted RTP packet.
    case rtp(length: Int)
    /// A decrypted RTCP compound packet.
    case rtcp(length: Int)
    /// SRTP or SRTCP that did not verify or decrypt (replayed, bad tag, malformed).
    case srtpFailed
    /// Not for this transport: unclassifiable, from an address that is not the server's, media
    /// before keys, or anything after close.
    case dropped
}

/// What a `ClientTransport` tells its owner, in order, through `pollEvent()`.
///
/// Invariant: `connected` comes at most once; `failed` and `closed` are final and exclusive.
public enum ClientTransportEvent: Sendable, Equatable, CustomStringConvertible {
    /// ICE selected a pair and DTLS exported SRTP keys for `srtpProfile`.
    case connected(srtpProfile: SRTPProfile)
    /// ICE or DTLS failed, or the connect deadline passed; the reason is safe to log.
    case failed(String)
    /// One DTLS application-data record from the server (an SCTP packet, for data channels).
    case applicationData([UInt8])
    /// The owner closed the transport.
    case closed

    public var description: String {
        switch self {
        case .connected(let profile): "connected (\(profile))"
        case .failed(let reason): "failed: \(reason)"
        case .applicationData(let bytes): "\(bytes.count) bytes of DTLS application data"
        case .closed: "closed"
        }
    }
}

/// One datagram a `ClientTransport` wrote into the owner's buffer: send its first `byteCount`
/// bytes to `destination` (the transport has one socket, so no socket is named).
public struct ClientTransmit: Sendable, Hashable {
    public let destination: STUNTransportAddress
    public let byteCount: Int

    public init(destination: STUNTransportAddress, byteCount: Int) {
        self.destination = destination
        self.byteCount = byteCount
    }
}

/// Why a `ClientTransport` could not be made.
public enum ClientTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No fingerprint of the server's description is one DTLS can check (unknown hash function).
    case noUsableFingerprint([String])
    /// The server's description names no candidate to send checks to.
    case noCandidate
    /// OpenSSL could not make the endpoint.
    case dtls(String)

    public var description: String {
        switch self {
        case .noUsableFingerprint(let values): "no usable DTLS fingerprint among \(values)"
        case .noCandidate: "the server's description has no candidate"
        case .dtls(let reason): "the DTLS endpoint could not be made: \(reason)"
        }
    }
}
