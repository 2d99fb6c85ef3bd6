// Why a username fragment or password is not acceptable ICE credentials.

/// Which half of a credential pair a problem concerns, named as SDP names it.
public enum ICECredentialField: Hashable, Sendable, CustomStringConvertible {
    case usernameFragment
    case password

    public var description: String {
        switch self {
        case .usernameFragment: "ice-ufrag"
        case .password: "ice-pwd"
        }
    }
}

/// The first rule of RFC 8839 §5.4 (`ice-ufrag = 4*256ice-char`, `ice-pwd = 22*256ice-char`,
/// `ice-char = ALPHA / DIGIT / "+" / "/"`) that a credential breaks.
///
/// Invariant: the messages never include the offending characters, so a password cannot
/// leak into a log through an error.
public enum ICECredentialError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value has `length` bytes; the field allows `allowed`.
    case wrongLength(ICECredentialField, length: Int, allowed: ClosedRange<Int>)
    /// The byte at `offset` is not an ice-char.
    case invalidCharacter(ICECredentialField, offset: Int)

    public var description: String {
        switch self {
        case .wrongLength(let field, let length, let allowed):
            "\(field) has \(length) characters, RFC 8839 allows \(allowed.lowerBound) to \(allowed.upperBound)"
        case .invalidCharacter(let field, let offset):
            "\(field) character at offset \(offset) is not an ice-char (ALPHA, DIGIT, \"+\" or \"/\")"
        }
    }
}
