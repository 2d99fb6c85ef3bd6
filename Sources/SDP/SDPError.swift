/// Why a line of SDP could not be parsed (the part of an `SDPError` that does not depend on where
/// the line is).
///
/// Invariant: every case describes itself as one phrase that can follow `line N "text": `.
public enum SDPProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line does not follow the grammar; the associated value is the expected syntax.
    case expected(String)
    /// The description does not begin with `v=0`.
    case missingVersion
    /// A `v=` line names a protocol version other than 0.
    case unsupportedVersion
    /// A line that the session section must have (`o=`, `s=`, `t=`) is missing.
    case missingLine(String)
    /// A line type that is not allowed where it appears (e.g. `o=` inside a media section).
    case misplacedLine(String)
    /// An attribute or line that may appear once appears again; names what is duplicated.
    case duplicate(String)
    /// A number is not decimal or does not fit its field; names the field and the allowed range.
    case numberOutOfRange(field: String, range: String)
    /// An `a=fingerprint` whose value is not hex pairs of the hash function's length.
    case invalidFingerprint(String)
    /// A byte that SDP text must not contain (a control character other than tab).
    case controlCharacter(UInt8)

    public var description: String {
        switch self {
        case .expected(let syntax): return "expected \"\(syntax)\""
        case .missingVersion: return "expected \"v=0\" as the first line"
        case .unsupportedVersion: return "only SDP version 0 is supported"
        case .missingLine(let type): return "the session section has no \(type) line"
        case .misplacedLine(let what): return "\(what) is not allowed here"
        case .duplicate(let what): return "duplicate \(what)"
        case .numberOutOfRange(let field, let range): return "\(field) must be a decimal number in \(range)"
        case .invalidFingerprint(let why): return "bad fingerprint: \(why)"
        case .controlCharacter(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "control character 0x\(hex.count < 2 ? "0" + hex : hex) is not allowed"
        }
    }
}

/// A parse failure: the 1-based line number, the line's text and what is wrong with it.
///
/// Invariant: `line` counts every line of the input, blank ones included, from 1; `text` is the
/// line without its line ending (empty when the input ended early). The description reads
/// `line 12 "a=rtpmap:abc": expected "<payload type> <encoding>/<clock rate>[/<channels>]"`, with
/// the quoted text shortened to 120 characters.
public struct SDPError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let text: String
    public let problem: SDPProblem

    public init(line: Int, text: String, problem: SDPProblem) {
        self.line = line
        self.text = text
        self.problem = problem
    }

    public var description: String {
        let shown = text.count > 120 ? String(text.prefix(120)) + "…" : text
        return "line \(line) \"\(shown)\": \(problem)"
    }
}
