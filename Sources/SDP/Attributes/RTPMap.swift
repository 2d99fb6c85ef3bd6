/// The value of `a=rtpmap:<payload type> <encoding>/<clock rate>[/<channels>]` after the payload
/// type (RFC 8866 §6.6).
///
/// Invariants: `encodingName` is a token without "/" (compare it without case: "opus", "VP8");
/// `clockRate` > 0; `channels`, when written, is ≥ 1 (kept even when 1, so `G722/8000/1` writes
/// back as it was read).
public struct RTPMap: Hashable, Sendable {
    public var encodingName: String
    public var clockRate: UInt32
    public var channels: UInt16?

    public init(encodingName: String, clockRate: UInt32, channels: UInt16? = nil) {
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    static let syntax = "<payload type> <encoding>/<clock rate>[/<channels>]"

    /// Parses `<encoding>/<clock rate>[/<channels>]`.
    init(parsingEncoding text: Substring) throws(SDPProblem) {
        let parts = SDPText.split(text, on: UInt8(ascii: "/"))
        guard (2...3).contains(parts.count), SDPText.isToken(parts[0]) else { throw .expected(RTPMap.syntax) }
        guard let clockRate = SDPText.number(parts[1], as: UInt32.self), clockRate > 0 else {
            throw .numberOutOfRange(field: "clock rate", range: "1–4294967295")
        }
        var channels: UInt16?
        if parts.count == 3 {
            guard let count = SDPText.number(parts[2], as: UInt16.self), count > 0 else {
                throw .numberOutOfRange(field: "channels", range: "1–65535")
            }
            channels = count
        }
        self.init(encodingName: String(parts[0]), clockRate: clockRate, channels: channels)
    }

    var encodingText: String {
        channels.map { "\(encodingName)/\(clockRate)/\($0)" } ?? "\(encodingName)/\(clockRate)"
    }
}
