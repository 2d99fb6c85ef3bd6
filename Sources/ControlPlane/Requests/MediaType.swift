/// A request body's media type, matched against `Content-Type` without its parameters
/// (`application/json; charset=utf-8` is `application/json`).
///
/// Invariant: `type` and `subtype` are lowercase; matching ignores case, as RFC 9110 §8.3.1 says.
public struct MediaType: Hashable, Sendable, CustomStringConvertible {
    public let type: String
    public let subtype: String

    public init(type: String, subtype: String) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
    }

    /// `application/json`: every JSON request body.
    public static let json = MediaType(type: "application", subtype: "json")
    /// `application/sdp`: offers and answers.
    public static let sdp = MediaType(type: "application", subtype: "sdp")
    /// `application/trickle-ice-sdpfrag` (RFC 8840): trickled candidates.
    public static let trickleICEFragment = MediaType(type: "application", subtype: "trickle-ice-sdpfrag")

    /// Whether a `Content-Type` value names this type (parameters after `;` are ignored).
    public func matches(contentType: String) -> Bool {
        let essence = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = essence.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return trimmed(parts[0]).lowercased() == type && trimmed(parts[1]).lowercased() == subtype
    }

    public var description: String { "\(type)/\(subtype)" }

    private func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
