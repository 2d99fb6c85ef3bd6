public import SDP

/// What the server reads from an RFC 8840 SDP fragment (`application/trickle-ice-sdpfrag`):
/// the ICE credentials it names and its candidates.
///
/// Invariants: every `a=candidate` line parsed as a candidate; other `<type>=<value>` lines
/// (`m=`, `a=mid`, `a=ice-options`, `a=group`, ...) are accepted and not kept. Never traps.
public struct TrickleFragment: Hashable, Sendable {
    public var iceUfrag: String?
    public var icePwd: String?
    public var candidates: [Candidate] = []
    public var endOfCandidates = false

    public static func parse(_ text: String) -> Result<TrickleFragment, SDPError> {
        var fragment = TrickleFragment()
        // "\r\n" is one Character in Swift, so both line endings are separators here.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            if let problem = fragment.apply(line) {
                return .failure(SDPError(line: index + 1, text: String(line), problem: problem))
            }
        }
        return .success(fragment)
    }

    /// Reads one non-empty line; the problem with it, if any.
    private mutating func apply(_ line: Substring) -> SDPProblem? {
        if let control = line.utf8.first(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            return .controlCharacter(control)
        }
        let bytes = Array(line.utf8.prefix(2))
        guard bytes.count == 2, bytes[1] == UInt8(ascii: "="), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]) else {
            return .expected("<type>=<value>")
        }
        guard bytes[0] == UInt8(ascii: "a") else { return nil }
        let attribute = line.dropFirst(2)
        if let value = Self.value(of: "candidate", in: attribute) {
            do throws(SDPProblem) {
                candidates.append(try Candidate(parsing: value))
            } catch {
                return error
            }
        } else if let value = Self.value(of: "ice-ufrag", in: attribute) {
            iceUfrag = String(value)
        } else if let value = Self.value(of: "ice-pwd", in: attribute) {
            icePwd = String(value)
        } else if attribute == "end-of-candidates" {
            endOfCandidates = true
        }
        return nil
    }

    /// The text after `name:` when `attribute` is that attribute.
    private static func value(of name: String, in attribute: Substring) -> Substring? {
        guard attribute.hasPrefix(name + ":") else { return nil }
        return attribute.dropFirst(name.count + 1)
    }
}
