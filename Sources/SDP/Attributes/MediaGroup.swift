public import RTCWire

/// An `a=group:<semantics> <mid>...` line (RFC 5888), e.g. `a=group:BUNDLE 0 1 2` (RFC 8843).
///
/// Invariant: `semantics` is a token; `mids` may be empty (`a=group:BUNDLE` with no sections).
public struct MediaGroup: Hashable, Sendable {
    public var semantics: String
    public var mids: [Mid]

    public init(semantics: String, mids: [Mid]) {
        self.semantics = semantics
        self.mids = mids
    }

    static let syntax = "<semantics> *(<mid>)"

    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard let first = fields.first, SDPText.isToken(first) else { throw .expected(Self.syntax) }
        var mids: [Mid] = []
        for field in fields.dropFirst() {
            guard let mid = Mid(String(field)) else { throw .expected("a mid of 1–16 visible characters") }
            mids.append(mid)
        }
        self.init(semantics: String(first), mids: mids)
    }

    /// Whether this is a BUNDLE group (semantics compared without case).
    public var isBundle: Bool { semantics.lowercased() == "bundle" }

    var attributeValue: String {
        ([semantics] + mids.map(\.value)).joined(separator: " ")
    }
}
