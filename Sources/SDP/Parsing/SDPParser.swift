import RTCWire

/// Parses SDP text (RFC 8866) into a `SessionDescription`.
///
/// Accepts LF or CRLF line endings and skips blank lines. The session section may give its lines
/// in any order after `v=0`, but must have `o=`, `s=` and `t=`; a media section has `m=`, then
/// `i=`, `c=`, `b=`, `k=` and `a=` lines. Attributes with a typed field are parsed and validated
/// (a malformed one is an error, so is a duplicate of one that may appear once); every other
/// attribute is kept as an `Attribute`. Never traps, whatever the input.
public enum SDPParser {
    public static func parse(_ text: String) -> Result<SessionDescription, SDPError> {
        do {
            return .success(try parseLines(SDPLineReader.lines(of: text)))
        } catch {
            return .failure(error)
        }
    }

    private static func parseLines(_ lines: [SDPSourceLine]) throws(SDPError) -> SessionDescription {
        guard let first = lines.first else { throw SDPError(line: 1, text: "", problem: .missingVersion) }
        guard first.type == "v" else { throw SDPError(line: first.number, text: first.text, problem: .missingVersion) }
        guard first.value == "0" else { throw SDPError(line: first.number, text: first.text, problem: .unsupportedVersion) }

        var session = SessionSectionBuilder()
        var sections: [MediaSectionBuilder] = []
        var usedMids: Set<Mid> = []
        for line in lines.dropFirst() {
            do throws(SDPProblem) {
                if line.type == "m" {
                    sections.append(try MediaSectionBuilder(mLine: line.value))
                } else if sections.isEmpty {
                    try session.apply(line)
                } else {
                    let last = sections.count - 1
                    let midBefore = sections[last].media.mid
                    try sections[last].apply(line)
                    if midBefore == nil, let mid = sections[last].media.mid, !usedMids.insert(mid).inserted {
                        throw SDPProblem.duplicate("mid \(mid) (another media section has it)")
                    }
                }
            } catch {
                throw SDPError(line: line.number, text: line.text, problem: error)
            }
        }
        let end = lines.first(where: { $0.type == "m" }) ?? lines[lines.count - 1]
        do throws(SDPProblem) {
            return try session.build(media: sections.map { $0.build() })
        } catch {
            throw SDPError(line: end.number, text: end.text, problem: error)
        }
    }
}
