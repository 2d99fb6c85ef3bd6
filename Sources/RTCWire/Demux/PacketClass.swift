/// The protocol of a datagram received on a WebRTC transport's shared UDP port, told apart by
/// its first bytes (RFC 7983 §7; RTP and RTCP apart by RFC 5761 §4).
///
/// Invariant: classification reads at most the first two bytes, never traps, and gives
/// `.unknown` for empty input, for first bytes outside the assigned ranges, and for a lone
/// RTP/RTCP first byte whose second byte is missing.
public enum PacketClass: Equatable, Sendable {
    /// First byte 0–3: STUN (RFC 8489).
    case stun
    /// First byte 16–19: ZRTP (RFC 6189).
    case zrtp
    /// First byte 20–63: DTLS records (RFC 9147).
    case dtls
    /// First byte 64–79: TURN ChannelData (RFC 8656).
    case turnChannel
    /// First byte 128–191 and a second byte (M bit and payload type) outside 192–223.
    case rtp
    /// First byte 128–191 and a second byte (the RTCP packet type) in 192–223.
    case rtcp
    /// Anything else.
    case unknown

    /// Classifies the datagram `bytes`.
    public init(classifying bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else {
            self = .unknown
            return
        }
        switch first {
        case 0...3: self = .stun
        case 16...19: self = .zrtp
        case 20...63: self = .dtls
        case 64...79: self = .turnChannel
        case 128...191:
            guard bytes.count >= 2 else {
                self = .unknown
                return
            }
            self = (192...223).contains(bytes[1]) ? .rtcp : .rtp
        default: self = .unknown
        }
    }
}
