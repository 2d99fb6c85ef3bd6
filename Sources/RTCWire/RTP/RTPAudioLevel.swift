/// The client-to-mixer audio level of one packet (RFC 6464 §3).
///
/// Invariant: `level` is in 0...127, the level in -dBov (0 is loudest, 127 is silence or
/// quieter).
public struct RTPAudioLevel: Equatable, Sendable {
    /// The V bit: the sender's voice activity detector heard speech.
    public let voiceActivity: Bool
    /// The audio level in -dBov, 0...127.
    public let level: UInt8

    /// Reads the extension element's single data byte: the V bit then 7 bits of level.
    public init(wireByte: UInt8) {
        voiceActivity = wireByte & 0x80 != 0
        level = wireByte & 0x7F
    }
}
