import RTCWire

/// Collects the lines of one media section, joining codec attributes by payload type.
struct MediaSectionBuilder {
    private(set) var media: MediaDescription
    private let isRTP: Bool
    private var codecs: [PayloadType: Codec] = [:]
    private var codecOrder: [PayloadType] = []

    static let mLineSyntax = "m=<media> <port>[/<count>] <proto> <format> *(<format>)"

    init(mLine text: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(text)
        let protoParts = fields.count >= 4 ? SDPText.split(fields[2], on: UInt8(ascii: "/")) : []
        guard fields.count >= 4, SDPText.isToken(fields[0]), protoParts.allSatisfy(SDPText.isToken) else {
            throw .expected(Self.mLineSyntax)
        }
        let portParts = SDPText.split(fields[1], on: UInt8(ascii: "/"))
        guard portParts.count <= 2, let port = SDPText.number(portParts[0], as: UInt16.self) else {
            throw .numberOutOfRange(field: "port", range: "0–65535")
        }
        var portCount: UInt16?
        if portParts.count == 2 {
            guard let count = SDPText.number(portParts[1], as: UInt16.self) else {
                throw .numberOutOfRange(field: "number of ports", range: "0–65535")
            }
            portCount = count
        }
        let proto = String(fields[2])
        let formats = fields.dropFirst(3).map(String.init)
        if MediaDescription.isRTP(proto: proto) {
            for format in formats where SDPText.number(format[...], as: UInt8.self).flatMap(PayloadType.init(rawValue:)) == nil {
                throw .numberOutOfRange(field: "payload type", range: "0–127")
            }
        }
        media = MediaDescription(kind: MediaKind(String(fields[0])), port: port, proto: proto, formats: formats, portCount: portCount)
        isRTP = media.isRTP
    }

    mutating func apply(_ line: SDPSourceLine) throws(SDPProblem) {
        switch line.type {
        case "a":
            try apply(attribute: line.value)
        case "c":
            guard media.connection == nil else { throw .duplicate("c= line") }
            media.connection = try LineGrammar.connection(line.value)
        case "b":
            media.bandwidths.append(try LineGrammar.bandwidth(line.value))
        case "i", "k":
            media.extraLines.append(SDPLine(type: line.type, value: String(line.value)))
        case "v", "o", "s", "u", "e", "p", "t", "r", "z":
            throw .misplacedLine("\(line.type)= inside a media section")
        default:
            throw .expected("a line type of m i c b k a")
        }
    }

    /// The finished section: codecs in `formats` order, then the others as they first appeared.
    func build() -> MediaDescription {
        var result = media
        var ordered: [Codec] = []
        var placed: Set<PayloadType> = []
        for type in media.payloadTypes + codecOrder {
            if let codec = codecs[type], placed.insert(type).inserted { ordered.append(codec) }
        }
        result.codecs = ordered
        return result
    }

    private mutating func apply(attribute text: Substring) throws(SDPProblem) {
        let (name, value) = LineGrammar.attribute(text)
        if try media.transport.apply(name: name, value: value) { return }
        if let direction = MediaDirection(rawValue: name) {
            try LineGrammar.requireFlag(name, value)
            guard media.direction == nil else { throw .duplicate("direction attribute") }
            media.direction = direction
            return
        }
        if isRTP, try applyCodecAttribute(name: name, value: value) { return }
        switch name {
        case "mid":
            guard media.mid == nil else { throw .duplicate("a=mid") }
            guard let mid = Mid(String(try LineGrammar.require(value, "<mid>"))) else {
                throw .expected("a mid of 1–16 visible characters")
            }
            media.mid = mid
        case "rtcp-mux":
            try LineGrammar.requireFlag(name, value)
            media.rtcpMux = true
        case "rtcp-rsize":
            try LineGrammar.requireFlag(name, value)
            media.rtcpReducedSize = true
        case "extmap-allow-mixed":
            try LineGrammar.requireFlag(name, value)
            media.extmapAllowMixed = true
        case "end-of-candidates":
            try LineGrammar.requireFlag(name, value)
            media.endOfCandidates = true
        case "extmap":
            try ExtMap.append(parsing: value, to: &media.extensions)
        case "msid":
            media.msids.append(try Msid(parsing: LineGrammar.require(value, "<stream id> [<track id>]")))
        case "ssrc":
            media.ssrcAttributes.append(try SSRCAttribute(parsing: LineGrammar.require(value, SSRCAttribute.syntax)))
        case "ssrc-group":
            media.ssrcGroups.append(try SSRCGroup(parsing: LineGrammar.require(value, SSRCGroup.syntax)))
        case "rid":
            let rid = try RIDDescription(parsing: LineGrammar.require(value, RIDDescription.syntax))
            guard !media.rids.contains(where: { $0.rid == rid.rid }) else { throw .duplicate("a=rid:\(rid.rid)") }
            media.rids.append(rid)
        case "simulcast":
            guard media.simulcast == nil else { throw .duplicate("a=simulcast") }
            media.simulcast = try Simulcast(parsing: LineGrammar.require(value, Simulcast.syntax))
        case "sctp-port":
            guard media.sctpPort == nil else { throw .duplicate("a=sctp-port") }
            guard let port = SDPText.number(try LineGrammar.require(value, "<port>"), as: UInt16.self) else {
                throw .numberOutOfRange(field: "sctp-port", range: "0–65535")
            }
            media.sctpPort = port
        case "max-message-size":
            guard media.maxMessageSize == nil else { throw .duplicate("a=max-message-size") }
            guard let size = SDPText.number(try LineGrammar.require(value, "<bytes>"), as: UInt64.self) else {
                throw .numberOutOfRange(field: "max-message-size", range: "0–18446744073709551615")
            }
            media.maxMessageSize = size
        case "candidate":
            media.candidates.append(try Candidate(parsing: LineGrammar.require(value, Candidate.syntax)))
        default:
            media.otherAttributes.append(Attribute(name: name, value: value.map(String.init)))
        }
    }

    /// Applies `rtpmap`, `fmtp` or `rtcp-fb`; returns false for any other name.
    private mutating func applyCodecAttribute(name: String, value: Substring?) throws(SDPProblem) -> Bool {
        let syntax: String
        switch name {
        case "rtpmap": syntax = RTPMap.syntax
        case "fmtp": syntax = "<payload type> <parameters>"
        case "rtcp-fb": syntax = RTCPFeedback.syntax
        default: return false
        }
        let (format, rest) = SDPText.splitFirst(try LineGrammar.require(value, syntax))
        guard let rest else { throw .expected(syntax) }
        if name == "rtcp-fb", format == "*" {
            media.sharedFeedback.append(try RTCPFeedback(parsingFeedback: rest))
            return true
        }
        guard let number = SDPText.number(format, as: UInt8.self), let payloadType = PayloadType(rawValue: number) else {
            throw .numberOutOfRange(field: "payload type", range: "0–127")
        }
        if codecs[payloadType] == nil {
            codecs[payloadType] = Codec(payloadType: payloadType)
            codecOrder.append(payloadType)
        }
        switch name {
        case "rtpmap":
            guard codecs[payloadType]?.rtpmap == nil else { throw .duplicate("a=rtpmap for payload type \(payloadType)") }
            let fields = SDPText.fields(rest)
            guard fields.count == 1 else { throw .expected(syntax) }
            codecs[payloadType]?.rtpmap = try RTPMap(parsingEncoding: fields[0])
        case "fmtp":
            guard codecs[payloadType]?.parameters == nil else { throw .duplicate("a=fmtp for payload type \(payloadType)") }
            codecs[payloadType]?.parameters = FormatParameters(rawValue: String(rest))
        default:
            codecs[payloadType]?.feedback.append(try RTCPFeedback(parsingFeedback: rest))
        }
        return true
    }
}
