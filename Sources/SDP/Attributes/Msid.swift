/// An `a=msid:<stream id> [<track id>]` line (RFC 8830): the media stream a track belongs to.
///
/// Invariant: `streamID` is non-empty without spaces; `trackID`, when present, is non-empty.
public struct Msid: Hashable, Sendable {
    public var streamID: String
    public var trackID: String?

    public init(streamID: String, trackID: String? = nil) {
        self.streamID = streamID
        self.trackID = trackID
    }

    public init(parsing value: Substring) throws(SDPProblem) {
        let (first, rest) = SDPText.splitFirst(value)
        guard !first.isEmpty else { throw .expected("<stream id> [<track id>]") }
        self.init(streamID: String(first), trackID: rest.map(String.init))
    }

    var attributeValue: String {
        trackID.map { "\(streamID) \($0)" } ?? streamID
    }
}

/// An `a=msid-semantic:` line, kept exactly as written (implementations differ in spacing:
/// `a=msid-semantic: WMS id` and `a=msid-semantic:WMS *` are both common).
///
/// Invariant: `rawValue` is the text after the colon, without control characters.
public struct MsidSemantic: Hashable, Sendable {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The semantic token, e.g. "WMS".
    public var semantic: String { SDPText.fields(rawValue[...]).first.map(String.init) ?? "" }
    /// The stream identifiers after the semantic ("*" means all).
    public var identifiers: [String] { SDPText.fields(rawValue[...]).dropFirst().map(String.init) }
}
