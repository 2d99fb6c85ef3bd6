public import SRTP

/// What one fan-out run sets up: one publisher sending one VP8 track through a one-worker
/// `WorkerPool`, forwarded to `subscriberCount` subscribers.
///
/// Invariants: `subscriberCount >= 1`; `payloadLength` is between `VP8Packet.minimumPayload`
/// and `VP8Packet.maximumPayload`; `verifyEvery >= 1`.
public struct FanoutOptions: Sendable {
    /// K: the subscribers each forwarded packet goes to.
    public var subscriberCount: Int
    /// The one SRTP profile the server's and the peers' DTLS contexts offer.
    public var profile: SRTPProfile
    /// RTP payload bytes per packet (the VP8 descriptor and header included).
    public var payloadLength: Int
    /// Each sink decrypts and checks one packet in this many (all when 1).
    public var verifyEvery: Int

    public init(subscriberCount: Int, profile: SRTPProfile = .aeadAes128Gcm, payloadLength: Int = 1200, verifyEvery: Int = 64) {
        precondition(subscriberCount >= 1, "a fan-out needs one subscriber")
        precondition((VP8Packet.minimumPayload...VP8Packet.maximumPayload).contains(payloadLength), "payload length out of range")
        precondition(verifyEvery >= 1, "verifyEvery must be positive")
        self.subscriberCount = subscriberCount
        self.profile = profile
        self.payloadLength = payloadLength
        self.verifyEvery = verifyEvery
    }

    /// The SSRC the server sends subscriber `index`'s copy with (signalled in its offer).
    public static func subscriberSSRC(_ index: Int) -> UInt32 { 0x5000_0000 &+ UInt32(truncatingIfNeeded: index) }
    /// The publisher's video SSRC (signalled in its offer).
    public static let publisherSSRC: UInt32 = 0x0ABC_D001
}
