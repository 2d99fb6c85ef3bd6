/// What one `PeerTransport` received and sent, as plain integers owned by its worker.
///
/// Invariants: counters only grow (wrapping at 2^64). Every datagram handed to the transport
/// lands in `datagramsReceived` and, when it is not used, in exactly one `dropped…` or SRTP
/// failure counter.
public struct PeerTransportCounters: Sendable, Hashable {
    /// Datagrams handed to the transport (W3C transport `packetsReceived`).
    public var datagramsReceived: UInt64 = 0
    /// Their bytes, UDP payload (W3C transport `bytesReceived`).
    public var bytesReceived: UInt64 = 0
    /// Datagrams sent (W3C transport `packetsSent`).
    public var datagramsSent: UInt64 = 0
    /// Their bytes (W3C transport `bytesSent`).
    public var bytesSent: UInt64 = 0
    public var stunReceived: UInt64 = 0
    public var dtlsReceived: UInt64 = 0
    /// SRTP packets that decrypted.
    public var rtpReceived: UInt64 = 0
    /// SRTCP packets that decrypted.
    public var rtcpReceived: UInt64 = 0
    /// SRTP/SRTCP whose authentication tag did not verify.
    public var srtpAuthenticationFailures: UInt64 = 0
    /// SRTP/SRTCP refused as replays (or too old for the replay window).
    public var srtpReplays: UInt64 = 0
    /// SRTP/SRTCP libsrtp refused for another reason.
    public var srtpOtherFailures: UInt64 = 0
    /// DTLS, RTP or RTCP from an address that is not a valid ICE pair of the transport.
    public var droppedUnverifiedSource: UInt64 = 0
    /// RTP or RTCP before the DTLS handshake gave keys.
    public var droppedBeforeKeys: UInt64 = 0
    /// Decrypted RTP that does not parse.
    public var droppedMalformedRTP: UInt64 = 0
    /// Decrypted RTP whose SSRC is neither signalled nor tagged with a known mid, or beyond the
    /// stream limit.
    public var droppedUnknownSSRC: UInt64 = 0
    /// Datagrams of another protocol (ZRTP, TURN channel data, unknown first byte).
    public var droppedUnclassified: UInt64 = 0
    /// DTLS datagrams with no pair to send them to yet, or longer than the send buffer.
    public var dtlsUnsent: UInt64 = 0
    /// DTLS application-data records received (SCTP packets for data channels).
    public var applicationDataReceived: UInt64 = 0
    /// SCTP packets sent as DTLS application data.
    public var applicationDataSent: UInt64 = 0
    /// SCTP packets that could not be sent (DTLS not connected, closed, or too large a record).
    public var applicationDataUnsent: UInt64 = 0
    /// SRTP packets sent (forwarded media).
    public var rtpSent: UInt64 = 0
    /// SRTCP packets sent (feedback the server wrote).
    public var rtcpSent: UInt64 = 0
    /// Packets to send dropped because the transport had no keys or no selected pair yet.
    public var droppedUnsendable: UInt64 = 0
    /// Packets to send that SRTP could not protect.
    public var srtpProtectFailures: UInt64 = 0

    public init() {}
}
