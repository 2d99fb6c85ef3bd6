/// Synthetic VP8 video as a publisher sends it: frames at a fixed rate, a key frame first,
/// every `keyFrameIntervalSeconds` after it and whenever the server asks (`requestKeyFrame()`).
///
/// Sizes: a group of pictures is N = round(keyFrameIntervalSeconds · framesPerSecond) frames
/// (at least 1) and carries `bitsPerSecond · N / (8 · framesPerSecond)` payload bytes. Its key
/// frame takes four times the average frame; the N − 1 other frames share the rest equally
/// (the first ones one byte more), so the rate holds exactly over each interval. A requested
/// key frame starts a new group. With N < 5 or tiny rates the minimum packet size wins and the
/// rate runs higher.
///
/// Schedule: frame k (from 0 after `start(now:)`) is due at `now + k·10⁹/framesPerSecond`
/// nanoseconds and has RTP timestamp `base + k·90000/framesPerSecond` (90 kHz clock), both
/// computed from k so nothing drifts. The timestamp base and the first picture ID come from
/// the seed; picture IDs count up by one per frame modulo 2^15.
///
/// Invariants: `framesPerSecond` is clamped to 1...1000 and `bitsPerSecond` to 0...10¹²;
/// the same arguments give the same frames.
public struct VideoSource: Sendable {
    public let framesPerSecond: Int
    public let maximumPayloadBytes: Int
    /// Frames per group of pictures (key frame interval in frames).
    public let framesPerKeyFrameInterval: Int
    /// Payload bytes of one group of pictures.
    public let bytesPerKeyFrameInterval: Int
    public let keyFrameBytes: Int
    /// When the next frame is due, in monotonic nanoseconds.
    public private(set) var nextFrameAt: Int64 = 0
    private var startedAt: Int64 = 0
    private var frameIndex: Int64 = 0
    /// Position of the next frame in its group (0: a key frame).
    private var groupPosition = 0
    private var pictureID: UInt16
    private let timestampBase: UInt32

    public init(bitsPerSecond: Int, framesPerSecond: Int, maximumPayloadBytes: Int, keyFrameIntervalSeconds: Double,
                seed: UInt64) {
        let fps = min(max(framesPerSecond, 1), 1000)
        let rate = min(max(bitsPerSecond, 0), 1_000_000_000_000)
        let intervalFrames = keyFrameIntervalSeconds.isFinite ? (keyFrameIntervalSeconds * Double(fps)).rounded() : 1
        let frames = Int(min(max(intervalFrames, 1), 1_000_000))
        self.framesPerSecond = fps
        self.maximumPayloadBytes = maximumPayloadBytes
        framesPerKeyFrameInterval = frames
        bytesPerKeyFrameInterval = rate * frames / (8 * fps)
        keyFrameBytes = frames == 1 ? bytesPerKeyFrameInterval : min(4 * bytesPerKeyFrameInterval / frames,
                                                                         bytesPerKeyFrameInterval)
        var random = MediaRandom(seed: seed)
        timestampBase = UInt32(truncatingIfNeeded: random.next())
        pictureID = UInt16(truncatingIfNeeded: random.next()) & 0x7FFF
    }

    /// Restarts the schedule: frame 0, a key frame, is due at `now`.
    public mutating func start(now: Int64) {
        startedAt = now
        frameIndex = 0
        groupPosition = 0
        nextFrameAt = now
    }

    /// Makes the next frame a key frame (the server sent PLI or FIR) and starts a new group.
    public mutating func requestKeyFrame() {
        groupPosition = 0
    }

    /// The frame due at `nextFrameAt`; advances the schedule to the next one.
    public mutating func nextFrame() -> VideoFrame {
        let isKeyFrame = groupPosition == 0
        let frame = VideoFrame(
            rtpTimestamp: timestampBase &+ UInt32(truncatingIfNeeded: frameIndex &* 90_000 / Int64(framesPerSecond)),
            isKeyFrame: isKeyFrame, byteCount: byteCount(atGroupPosition: groupPosition), pictureID: pictureID,
            maximumPayloadBytes: maximumPayloadBytes)
        pictureID = (pictureID &+ 1) & 0x7FFF
        groupPosition = groupPosition + 1 >= framesPerKeyFrameInterval ? 0 : groupPosition + 1
        frameIndex += 1
        nextFrameAt = startedAt &+ frameIndex &* 1_000_000_000 / Int64(framesPerSecond)
        return frame
    }

    /// The size of the frame at `position` in its group (before `VideoFrame` raises it to the
    /// minimum packet size).
    func byteCount(atGroupPosition position: Int) -> Int {
        guard position > 0 else { return keyFrameBytes }
        let others = framesPerKeyFrameInterval - 1
        let rest = bytesPerKeyFrameInterval - keyFrameBytes
        return rest / others + (position - 1 < rest % others ? 1 : 0)
    }
}
