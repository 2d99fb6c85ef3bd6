/// Collects the lines of the session section (everything before the first `m=`).
struct SessionSectionBuilder {
    private var origin: Origin?
    private var sessionName: String?
    private var timing: Timing?
    private var connection: ConnectionData?
    private var bandwidths: [Bandwidth] = []
    private var extraLines: [SDPLine] = []
    private var attributes = SessionAttributes()

    mutating func apply(_ line: SDPSourceLine) throws(SDPProblem) {
        switch line.type {
        case "o":
            guard origin == nil else { throw .duplicate("o= line") }
            origin = try Self.origin(line.value)
        case "s":
            guard sessionName == nil else { throw .duplicate("s= line") }
            sessionName = String(line.value)
        case "t" where timing == nil:
            let fields = SDPText.fields(line.value)
            guard fields.count == 2 else { throw .expected("t=<start time> <stop time>") }
            guard let start = SDPText.number(fields[0], as: UInt64.self), let stop = SDPText.number(fields[1], as: UInt64.self) else {
                throw .numberOutOfRange(field: "time", range: "0–18446744073709551615")
            }
            timing = Timing(start: start, stop: stop)
        case "c":
            guard connection == nil else { throw .duplicate("c= line") }
            connection = try LineGrammar.connection(line.value)
        case "b":
            bandwidths.append(try LineGrammar.bandwidth(line.value))
        case "i", "u", "e", "p", "t", "r", "z", "k":
            extraLines.append(SDPLine(type: line.type, value: String(line.value)))
        case "a":
            try apply(attribute: line.value)
        case "v":
            throw .duplicate("v= line")
        default:
            throw .expected("a line type of v o s i u e p c b t r z k a m")
        }
    }

    func build(media: [MediaDescription]) throws(SDPProblem) -> SessionDescription {
        guard let origin else { throw .missingLine("o=") }
        guard let sessionName else { throw .missingLine("s=") }
        guard let timing else { throw .missingLine("t=") }
        return SessionDescription(
            origin: origin, sessionName: sessionName, timing: timing, connection: connection,
            bandwidths: bandwidths, extraLines: extraLines, attributes: attributes, media: media
        )
    }

    private mutating func apply(attribute text: Substring) throws(SDPProblem) {
        let (name, value) = LineGrammar.attribute(text)
        if try attributes.transport.apply(name: name, value: value) { return }
        if let direction = MediaDirection(rawValue: name) {
            try LineGrammar.requireFlag(name, value)
            guard attributes.direction == nil else { throw .duplicate("direction attribute") }
            attributes.direction = direction
            return
        }
        switch name {
        case "group":
            attributes.groups.append(try MediaGroup(parsing: LineGrammar.require(value, MediaGroup.syntax)))
        case "msid-semantic":
            attributes.msidSemantics.append(MsidSemantic(rawValue: String(try LineGrammar.require(value, "<semantic> [<id>...]"))))
        case "ice-lite":
            try LineGrammar.requireFlag(name, value)
            attributes.iceLite = true
        case "extmap-allow-mixed":
            try LineGrammar.requireFlag(name, value)
            attributes.extmapAllowMixed = true
        case "extmap":
            try ExtMap.append(parsing: value, to: &attributes.extensions)
        default:
            attributes.otherAttributes.append(Attribute(name: name, value: value.map(String.init)))
        }
    }

    private static func origin(_ text: Substring) throws(SDPProblem) -> Origin {
        let fields = SDPText.fields(text)
        guard fields.count == 6 else {
            throw .expected("o=<username> <session id> <session version> <nettype> <addrtype> <address>")
        }
        guard let version = SDPText.number(fields[2], as: UInt64.self) else {
            throw .numberOutOfRange(field: "session version", range: "0–18446744073709551615")
        }
        return Origin(
            username: String(fields[0]), sessionID: String(fields[1]), sessionVersion: version,
            networkType: String(fields[3]), addressType: String(fields[4]), address: String(fields[5])
        )
    }
}
