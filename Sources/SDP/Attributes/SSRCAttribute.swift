public import RTCWire

/// An `a=ssrc:<ssrc> <attribute>[:<value>]` line (RFC 5576 §4.1), e.g. `cname:`, `msid:`.
///
/// Invariants: `name` is non-empty and has no colon; `value` is the text after the first colon
/// exactly as written (Chrome writes `msid: <track>` with a leading space for an empty stream).
public struct SSRCAttribute: Hashable, Sendable {
    public var ssrc: SSRC
    public var name: String
    public var value: String?

    public init(ssrc: SSRC, name: String, value: String? = nil) {
        self.ssrc = ssrc
        self.name = name
        self.value = value
    }

    static let syntax = "<ssrc> <attribute>[:<value>]"

    public init(parsing value: Substring) throws(SDPProblem) {
        let (first, rest) = SDPText.splitFirst(value)
        guard let number = SDPText.number(first, as: UInt32.self) else {
            throw .numberOutOfRange(field: "ssrc", range: "0–4294967295")
        }
        guard let rest else { throw .expected(SSRCAttribute.syntax) }
        let (name, attributeValue) = SDPText.splitAt(UInt8(ascii: ":"), rest)
        guard !name.isEmpty else { throw .expected(SSRCAttribute.syntax) }
        self.init(ssrc: SSRC(number), name: String(name), value: attributeValue.map(String.init))
    }

    var attributeValue: String {
        value.map { "\(ssrc) \(name):\($0)" } ?? "\(ssrc) \(name)"
    }
}

/// An `a=ssrc-group:<semantics> <ssrc>...` line (RFC 5576 §4.2), e.g. `FID` (a media SSRC and
/// its RTX SSRC) or `SIM` (simulcast layers, lowest first).
///
/// Invariants: `semantics` is a token; `ssrcs` is not empty.
public struct SSRCGroup: Hashable, Sendable {
    public var semantics: String
    public var ssrcs: [SSRC]

    public init(semantics: String, ssrcs: [SSRC]) {
        self.semantics = semantics
        self.ssrcs = ssrcs
    }

    public static let flowIdentification = "FID"
    public static let simulcast = "SIM"

    static let syntax = "<semantics> <ssrc> *(<ssrc>)"

    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard fields.count >= 2, SDPText.isToken(fields[0]) else { throw .expected(SSRCGroup.syntax) }
        var ssrcs: [SSRC] = []
        for field in fields.dropFirst() {
            guard let number = SDPText.number(field, as: UInt32.self) else {
                throw .numberOutOfRange(field: "ssrc", range: "0–4294967295")
            }
            ssrcs.append(SSRC(number))
        }
        self.init(semantics: String(fields[0]), ssrcs: ssrcs)
    }

    var attributeValue: String {
        ([semantics] + ssrcs.map(\.description)).joined(separator: " ")
    }
}
