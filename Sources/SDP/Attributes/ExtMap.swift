/// An `a=extmap:<id>[/<direction>] <uri> [<attributes>]` line (RFC 8285 §8): the local id of an
/// RTP header extension.
///
/// Invariants: `id` is 1–255 (1–14 fit the one-byte form); `uri` is non-empty without spaces;
/// `attributes`, when present, is the rest of the line as written.
public struct ExtMap: Hashable, Sendable {
    public var id: UInt8
    public var direction: MediaDirection?
    public var uri: String
    public var attributes: String?

    public init(id: UInt8, uri: String, direction: MediaDirection? = nil, attributes: String? = nil) {
        self.id = id
        self.uri = uri
        self.direction = direction
        self.attributes = attributes
    }

    static let syntax = "<id>[/<direction>] <uri> [<attributes>]"

    /// Parses an `a=extmap` value and appends it to `extensions`, refusing an id already there
    /// (the same rule at session and media level).
    static func append(parsing value: Substring?, to extensions: inout [ExtMap]) throws(SDPProblem) {
        let extMap = try ExtMap(parsing: LineGrammar.require(value, ExtMap.syntax))
        guard !extensions.contains(where: { $0.id == extMap.id }) else { throw .duplicate("extmap id \(extMap.id)") }
        extensions.append(extMap)
    }

    public init(parsing value: Substring) throws(SDPProblem) {
        let (head, rest) = SDPText.splitFirst(value)
        guard let rest else { throw .expected(ExtMap.syntax) }
        let (uri, attributes) = SDPText.splitFirst(rest)
        let idParts = SDPText.split(head, on: UInt8(ascii: "/"))
        guard idParts.count <= 2 else { throw .expected(ExtMap.syntax) }
        guard let id = SDPText.number(idParts[0], as: UInt8.self), id > 0 else {
            throw .numberOutOfRange(field: "extmap id", range: "1–255")
        }
        var direction: MediaDirection?
        if idParts.count == 2 {
            guard let parsed = MediaDirection(rawValue: String(idParts[1])) else { throw .expected(ExtMap.syntax) }
            direction = parsed
        }
        self.init(id: id, uri: String(uri), direction: direction, attributes: attributes.map(String.init))
    }

    var attributeValue: String {
        var text = String(id)
        if let direction { text += "/\(direction.rawValue)" }
        text += " \(uri)"
        if let attributes { text += " \(attributes)" }
        return text
    }
}

/// Header extension URIs the SFU works with.
public enum HeaderExtensionURI {
    public static let mid = "urn:ietf:params:rtp-hdrext:sdes:mid"
    public static let rtpStreamID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"
    public static let repairedRTPStreamID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"
    public static let absoluteSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
    public static let transportWideCC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
    public static let audioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
    public static let videoOrientation = "urn:3gpp:video-orientation"
    public static let playoutDelay = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"
}
