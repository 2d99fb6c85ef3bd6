/// An ICE candidate, `a=candidate:` (RFC 8839 §5.1):
/// `<foundation> <component> <transport> <priority> <address> <port> typ <type>
/// [raddr <address>] [rport <port>] *(<extension name> <extension value>)`.
///
/// Invariants: `foundation` is 1–32 ice-chars (`ALPHA / DIGIT / "+" / "/"`); `component` is
/// 1–256; `transport`, `address` and every extension name and value are non-empty and without
/// spaces. `relatedAddress`/`relatedPort` are the `raddr`/`rport` that follow `typ` directly;
/// extensions (e.g. `generation`, `ufrag`, `network-id`, `tcptype`) keep their order.
public struct Candidate: Hashable, Sendable {
    public var foundation: String
    public var component: UInt16
    /// As written, e.g. "udp" or "UDP" (compare without case).
    public var transport: String
    public var priority: UInt32
    /// An IP address or a host name (e.g. an mDNS `.local` name).
    public var address: String
    public var port: UInt16
    public var type: CandidateType
    public var relatedAddress: String?
    public var relatedPort: UInt16?
    public var extensions: [CandidateExtension]

    public init(
        foundation: String, component: UInt16 = 1, transport: String = "udp", priority: UInt32,
        address: String, port: UInt16, type: CandidateType = .host, relatedAddress: String? = nil,
        relatedPort: UInt16? = nil, extensions: [CandidateExtension] = []
    ) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority
        self.address = address
        self.port = port
        self.type = type
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.extensions = extensions
    }

    static let syntax = "<foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <address>] [rport <port>] *(<name> <value>)"

    /// Parses the attribute value (the text after `a=candidate:`, or after `candidate:` in a
    /// trickled candidate string).
    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard fields.count >= 8, fields[6] == "typ",
              Candidate.isFoundation(fields[0]), SDPText.isToken(fields[2]), SDPText.isToken(fields[7])
        else { throw .expected(Candidate.syntax) }
        guard let component = SDPText.number(fields[1], as: UInt16.self), (1...256).contains(component) else {
            throw .numberOutOfRange(field: "candidate component", range: "1–256")
        }
        guard let priority = SDPText.number(fields[3], as: UInt32.self) else {
            throw .numberOutOfRange(field: "candidate priority", range: "0–4294967295")
        }
        guard let port = SDPText.number(fields[5], as: UInt16.self) else {
            throw .numberOutOfRange(field: "candidate port", range: "0–65535")
        }
        self.init(
            foundation: String(fields[0]), component: component, transport: String(fields[2]),
            priority: priority, address: String(fields[4]), port: port,
            type: CandidateType(name: String(fields[7]))
        )
        var index = 8
        if index + 1 < fields.count, fields[index] == "raddr" {
            relatedAddress = String(fields[index + 1])
            index += 2
        }
        if index + 1 < fields.count, fields[index] == "rport" {
            guard let port = SDPText.number(fields[index + 1], as: UInt16.self) else {
                throw .numberOutOfRange(field: "candidate rport", range: "0–65535")
            }
            relatedPort = port
            index += 2
        }
        guard (fields.count - index) % 2 == 0 else { throw .expected(Candidate.syntax) }
        while index < fields.count {
            extensions.append(CandidateExtension(name: String(fields[index]), value: String(fields[index + 1])))
            index += 2
        }
    }

    /// The value of the first extension called `name` (e.g. "tcptype", "generation", "ufrag").
    public func extensionValue(_ name: String) -> String? {
        extensions.first { $0.name == name }?.value
    }

    var attributeValue: String {
        var text = "\(foundation) \(component) \(transport) \(priority) \(address) \(port) typ \(type)"
        if let relatedAddress { text += " raddr \(relatedAddress)" }
        if let relatedPort { text += " rport \(relatedPort)" }
        for item in extensions { text += " \(item.name) \(item.value)" }
        return text
    }

    private static func isFoundation(_ text: Substring) -> Bool {
        (1...32).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }
}

/// A candidate's `typ` (RFC 8839 §5.1).
///
/// Invariant: `other` holds a token that is none of the named types.
public enum CandidateType: Hashable, Sendable, CustomStringConvertible {
    case host, srflx, prflx, relay
    case other(String)

    public init(name: String) {
        switch name {
        case "host": self = .host
        case "srflx": self = .srflx
        case "prflx": self = .prflx
        case "relay": self = .relay
        default: self = .other(name)
        }
    }

    public var description: String {
        switch self {
        case .host: return "host"
        case .srflx: return "srflx"
        case .prflx: return "prflx"
        case .relay: return "relay"
        case .other(let name): return name
        }
    }
}

/// One `<name> <value>` pair after a candidate's type, e.g. `generation 0`.
///
/// Invariant: both are non-empty and without spaces.
public struct CandidateExtension: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
