/// What a `PeerTransport` made of one received datagram, for the owner to act on.
///
/// Invariant: for `rtp` and `rtcp` the caller's buffer holds the decrypted packet in its first
/// `length` bytes (in place of the SRTP/SRTCP datagram); `section` indexes the transport's
/// current `PublishedMedia.sections`.
public enum PeerTransportInput: Sendable, Equatable {
    /// Used up inside the transport (STUN, DTLS) or dropped and counted.
    case consumed
    /// A decrypted RTP packet of a known stream of `section`; `isRetransmission` for its RTX stream.
    case rtp(section: Int, length: Int, isRetransmission: Bool)
    /// A decrypted RTCP compound packet.
    case rtcp(length: Int)
}
