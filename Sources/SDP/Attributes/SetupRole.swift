/// The `a=setup` role (RFC 4145, RFC 8842): which side opens the DTLS connection.
public enum SetupRole: String, Hashable, Sendable, CaseIterable {
    /// The endpoint initiates (DTLS client).
    case active
    /// The endpoint waits for the other side (DTLS server).
    case passive
    /// Either; offers say this and let the answer choose.
    case actpass
    /// No connection for now.
    case holdconn

    public init(parsing value: Substring) throws(SDPProblem) {
        guard let role = SetupRole(rawValue: String(value)) else {
            throw .expected("active|passive|actpass|holdconn")
        }
        self = role
    }
}
