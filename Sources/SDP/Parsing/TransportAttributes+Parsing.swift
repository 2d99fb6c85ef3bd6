extension TransportAttributes {
    /// Applies an `ice-ufrag`, `ice-pwd`, `ice-options`, `fingerprint` or `setup` attribute;
    /// returns false for any other name.
    mutating func apply(name: String, value: Substring?) throws(SDPProblem) -> Bool {
        switch name {
        case "ice-ufrag":
            guard iceUfrag == nil else { throw .duplicate("a=ice-ufrag") }
            iceUfrag = try Self.credential(value, "<username fragment>")
        case "ice-pwd":
            guard icePwd == nil else { throw .duplicate("a=ice-pwd") }
            icePwd = try Self.credential(value, "<password>")
        case "ice-options":
            let options = SDPText.fields(try LineGrammar.require(value, "<option> *(<option>)"))
            guard !options.isEmpty else { throw .expected("<option> *(<option>)") }
            iceOptions += options.map(String.init)
        case "fingerprint":
            fingerprints.append(try Fingerprint(parsing: LineGrammar.require(value, "<hash function> <hex pairs>")))
        case "setup":
            guard setup == nil else { throw .duplicate("a=setup") }
            setup = try SetupRole(parsing: LineGrammar.require(value, "active|passive|actpass|holdconn"))
        default:
            return false
        }
        return true
    }

    private static func credential(_ value: Substring?, _ syntax: String) throws(SDPProblem) -> String {
        let text = try LineGrammar.require(value, syntax)
        guard !text.contains(" ") else { throw .expected(syntax) }
        return String(text)
    }
}
