/// The number of one stream a simulated publisher sends (an audio track, a video track, one
/// simulcast layer, a data channel), written into every probe so that receivers tell streams
/// apart whatever SSRC or sequence numbers the server rewrote.
///
/// Invariant: unique within one run (the runner numbers them from 1 as it plans publishers).
public struct ProbeStreamID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static func < (lhs: ProbeStreamID, rhs: ProbeStreamID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "stream \(rawValue)" }
}
