/// A setting's value as an error message or the start-up log shows it.
///
/// Invariant: a secret is only ever shown as `.masked`, which reveals its size and nothing else.
public enum ShownValue: Sendable, Hashable, CustomStringConvertible {
    /// A single value, shown quoted.
    case text(String)
    /// A list, shown as `["a", "b"]`.
    case list([String])
    /// A secret: only how many bytes it has.
    case masked(byteCount: Int)
    /// What a YAML node is when it has the wrong shape (`null`, `a mapping`, ...), shown unquoted.
    case kind(String)

    public var description: String {
        switch self {
        case .text(let text): Self.quoted(text)
        case .list(let items): "[" + items.map(Self.quoted).joined(separator: ", ") + "]"
        case .masked(let byteCount): "<secret, \(byteCount) bytes>"
        case .kind(let kind): kind
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
