/// Grammar pieces shared by the session and media sections: `c=`, `b=` and the split of an
/// `a=` line into name and value.
enum LineGrammar {
    /// The name (up to the first colon) and the value (after it; nil without a colon). The name
    /// is a `String` so that the parsers' `switch` over names compares small strings quickly.
    static func attribute(_ text: Substring) -> (name: String, value: Substring?) {
        let (name, value) = SDPText.splitAt(UInt8(ascii: ":"), text)
        return (String(name), value)
    }

    /// `value`, or an error naming `syntax` when the attribute had no value.
    static func require(_ value: Substring?, _ syntax: String) throws(SDPProblem) -> Substring {
        guard let value, !value.isEmpty else { throw .expected(syntax) }
        return value
    }

    /// Refuses a value on a property attribute such as `a=rtcp-mux`.
    static func requireFlag(_ name: String, _ value: Substring?) throws(SDPProblem) {
        guard value == nil else { throw .expected(name) }
    }

    static func connection(_ text: Substring) throws(SDPProblem) -> ConnectionData {
        let fields = SDPText.fields(text)
        guard fields.count == 3, SDPText.isToken(fields[0]), SDPText.isToken(fields[1]) else {
            throw .expected("c=<nettype> <addrtype> <connection address>")
        }
        return ConnectionData(networkType: String(fields[0]), addressType: String(fields[1]), address: String(fields[2]))
    }

    static func bandwidth(_ text: Substring) throws(SDPProblem) -> Bandwidth {
        let (type, value) = SDPText.splitAt(UInt8(ascii: ":"), text)
        guard SDPText.isToken(type), let value else { throw .expected("b=<bwtype>:<bandwidth>") }
        guard let number = SDPText.number(value, as: UInt64.self) else {
            throw .numberOutOfRange(field: "bandwidth", range: "0–18446744073709551615")
        }
        return Bandwidth(type: String(type), value: number)
    }
}
