/// Synthetic audio as a publisher sends it: one Opus-sized packet every 1/`packetsPerSecond`
/// seconds, payload sizes drawn uniformly from the profile's range.
///
/// Schedule: packet k (from 0 after `start(now:)`) is due at `now + k·10⁹/packetsPerSecond`
/// nanoseconds, computed from k each time, so rounding never accumulates into drift. Its RTP
/// timestamp is `base + k·clockRate/packetsPerSecond` (base drawn from the seed, RFC 3550
/// §5.1), so it advances by `clockRate/packetsPerSecond` per packet (960 for Opus at 50 pps).
/// Only packet 0 has the marker bit (the start of a talkspurt, RFC 3551 §4.1).
///
/// Invariants: every payload length is in `max(minimumPayloadBytes, 25)...max(maximumPayloadBytes, that)`
/// (a TOC byte and the probe trailer always fit); `packetsPerSecond` is clamped to 1...1000;
/// the same profile, clock rate and seed give the same packets.
public struct AudioSource: Sendable {
    public let packetsPerSecond: Int
    public let clockRate: UInt32
    public let payloadBytes: ClosedRange<Int>
    /// When the next packet is due, in monotonic nanoseconds.
    public private(set) var nextSendAt: Int64 = 0
    private var startedAt: Int64 = 0
    private var packetIndex: Int64 = 0
    private let timestampBase: UInt32
    private var random: MediaRandom

    public init(profile: AudioProfile, clockRate: UInt32, seed: UInt64) {
        packetsPerSecond = min(max(profile.packetsPerSecond, 1), 1000)
        self.clockRate = clockRate
        let smallest = max(profile.minimumPayloadBytes, AudioPayload.minimumByteCount)
        payloadBytes = smallest...max(profile.maximumPayloadBytes, smallest)
        random = MediaRandom(seed: seed)
        timestampBase = UInt32(truncatingIfNeeded: random.next())
    }

    /// Restarts the schedule: packet 0 is due at `now`.
    public mutating func start(now: Int64) {
        startedAt = now
        packetIndex = 0
        nextSendAt = now
    }

    /// The packet due at `nextSendAt`; advances the schedule to the next one.
    public mutating func nextPacket() -> MediaPacket {
        let length = Int.random(in: payloadBytes, using: &random)
        let timestampOffset = packetIndex &* Int64(clockRate) / Int64(packetsPerSecond)
        let packet = MediaPacket(payloadLength: length, marker: packetIndex == 0,
                                 rtpTimestamp: timestampBase &+ UInt32(truncatingIfNeeded: timestampOffset))
        packetIndex += 1
        nextSendAt = startedAt &+ packetIndex &* 1_000_000_000 / Int64(packetsPerSecond)
        return packet
    }
}

/// The bytes of a synthetic audio payload before its probe trailer.
public enum AudioPayload {
    /// A TOC byte and the probe trailer.
    public static let minimumByteCount = 1 + ProbeTrailer.byteCount
    /// Opus TOC (RFC 6716 §3.1): configuration 15 (hybrid, fullband, 20 ms), mono, one frame.
    static let tableOfContents: UInt8 = 0x78

    /// Writes the TOC byte and zero filler into `payload[0..<count-24]`, leaving the last
    /// `ProbeTrailer.byteCount` bytes for the trailer; writes nothing into a payload too short
    /// to hold both.
    public static func write(into payload: UnsafeMutableRawBufferPointer) {
        let end = payload.count - ProbeTrailer.byteCount
        guard end >= 1 else { return }
        payload[0] = tableOfContents
        UnsafeMutableRawBufferPointer(rebasing: payload[1..<end]).initializeMemory(as: UInt8.self, repeating: 0)
    }
}
