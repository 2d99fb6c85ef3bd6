/// Synthetic audio as a publisher sends it: Opus-sized packets at a fixed packet rate.
///
/// Invariants (checked by the scenario, not here): `packetsPerSecond` in 1...1000,
/// `minimumPayloadBytes` ≤ `maximumPayloadBytes`, both at least `ProbeTrailer.byteCount`.
public struct AudioProfile: Sendable, Hashable, Codable {
    public var packetsPerSecond: Int
    public var minimumPayloadBytes: Int
    public var maximumPayloadBytes: Int

    /// Opus at 20 ms frames (50 packets/s), 80–160-byte payloads (about 32–64 kbit/s).
    public static let opus = AudioProfile(packetsPerSecond: 50, minimumPayloadBytes: 80, maximumPayloadBytes: 160)

    public init(packetsPerSecond: Int, minimumPayloadBytes: Int, maximumPayloadBytes: Int) {
        self.packetsPerSecond = packetsPerSecond
        self.minimumPayloadBytes = minimumPayloadBytes
        self.maximumPayloadBytes = maximumPayloadBytes
    }
}

/// Synthetic VP8 video as a publisher sends it: frames at a fixed rate, each split into RTP
/// packets of at most `maximumPacketBytes` (RTP header and extensions included, SRTP tag not),
/// a key frame every `keyFrameIntervalSeconds` and whenever the server asks (PLI/FIR).
///
/// Invariants (checked by the scenario): `bitsPerSecond` > 0, `framesPerSecond` in 1...120,
/// `maximumPacketBytes` in 200...1400, `keyFrameIntervalSeconds` > 0. With `simulcast`, the
/// publisher sends three layers (rids "h", "m", "l") at 1, 1/3 and 1/10 of `bitsPerSecond`.
public struct VideoProfile: Sendable, Hashable, Codable {
    public var bitsPerSecond: Int
    public var framesPerSecond: Int
    public var maximumPacketBytes: Int
    public var keyFrameIntervalSeconds: Double
    public var simulcast: Bool

    /// 1.5 Mbit/s at 30 fps in packets of at most 1,200 bytes, a key frame every 3 s.
    public static let standard = VideoProfile(
        bitsPerSecond: 1_500_000, framesPerSecond: 30, maximumPacketBytes: 1200, keyFrameIntervalSeconds: 3, simulcast: false)

    public init(bitsPerSecond: Int, framesPerSecond: Int, maximumPacketBytes: Int, keyFrameIntervalSeconds: Double, simulcast: Bool) {
        self.bitsPerSecond = bitsPerSecond
        self.framesPerSecond = framesPerSecond
        self.maximumPacketBytes = maximumPacketBytes
        self.keyFrameIntervalSeconds = keyFrameIntervalSeconds
        self.simulcast = simulcast
    }
}

/// Data-channel messages a publisher sends on one channel (label "load", ordered, reliable) and
/// that the server relays to the room's subscribers.
///
/// Invariants (checked by the scenario): `messagesPerSecond` in 1...1000, `messageBytes` in
/// `ProbeTrailer.byteCount`...65_536.
public struct DataChannelProfile: Sendable, Hashable, Codable {
    public var messagesPerSecond: Int
    public var messageBytes: Int

    public init(messagesPerSecond: Int, messageBytes: Int) {
        self.messagesPerSecond = messagesPerSecond
        self.messageBytes = messageBytes
    }
}
