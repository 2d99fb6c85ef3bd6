/// An RTCP feedback capability of `a=rtcp-fb:<payload type|*> <type> [<parameter>]` (RFC 4585
/// §4.2), e.g. `nack`, `nack pli`, `ccm fir`, `goog-remb`, `transport-cc`.
///
/// Invariants: `type` is a token; `parameter`, when present, is non-empty text without leading
/// spaces (it may contain spaces, as in `app` feedback).
public struct RTCPFeedback: Hashable, Sendable, CustomStringConvertible {
    public var type: String
    public var parameter: String?

    public init(type: String, parameter: String? = nil) {
        self.type = type
        self.parameter = parameter
    }

    public static let nack = RTCPFeedback(type: "nack")
    public static let pictureLossIndication = RTCPFeedback(type: "nack", parameter: "pli")
    public static let fullIntraRequest = RTCPFeedback(type: "ccm", parameter: "fir")
    public static let receiverEstimatedMaxBitrate = RTCPFeedback(type: "goog-remb")
    public static let transportWideCC = RTCPFeedback(type: "transport-cc")

    static let syntax = "<payload type|*> <type> [<parameter>]"

    /// Parses the text after the payload type.
    init(parsingFeedback text: Substring) throws(SDPProblem) {
        let (type, rest) = SDPText.splitFirst(text)
        guard SDPText.isToken(type) else { throw .expected(RTCPFeedback.syntax) }
        self.init(type: String(type), parameter: rest.map(String.init))
    }

    /// `type` or `type parameter`.
    public var description: String {
        parameter.map { "\(type) \($0)" } ?? type
    }
}
