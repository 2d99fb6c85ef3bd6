// An ICE username fragment and password (RFC 8445 §5.3, RFC 8839 §5.4).

/// A validated ICE username fragment and password, as one side announces them in SDP
/// (`a=ice-ufrag`, `a=ice-pwd`).
///
/// Invariants: the fragment has 4–256 and the password 22–256 ice-chars (ALPHA, DIGIT, "+",
/// "/"), so both are ASCII and their UTF-8 bytes are their characters. Neither `description`
/// nor the mirror shows the password.
public struct ICECredentials: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    public static let usernameFragmentLengths = 4...256
    public static let passwordLengths = 22...256
    /// Length of generated fragments: 96 random bits, so fragments are unique on a server
    /// (the worker routes STUN by fragment) and hard to guess (RFC 8445 §5.3 asks for 24).
    public static let generatedUsernameFragmentLength = 16
    /// Length of generated passwords: 192 random bits (RFC 8445 §5.3 asks for 128).
    public static let generatedPasswordLength = 32

    public let usernameFragment: String
    public let password: String

    /// Validates both values against RFC 8839's grammar.
    public init(usernameFragment: String, password: String) throws(ICECredentialError) {
        try Self.validate(usernameFragment, .usernameFragment, lengths: Self.usernameFragmentLengths)
        try Self.validate(password, .password, lengths: Self.passwordLengths)
        self.usernameFragment = usernameFragment
        self.password = password
    }

    private init(validUsernameFragment: String, validPassword: String) {
        usernameFragment = validUsernameFragment
        password = validPassword
    }

    /// Fresh credentials drawn from `generator`, which must be cryptographically secure on the
    /// wire (the worker passes `SystemRandomNumberGenerator`); each character is uniform over
    /// the 64 ice-chars, so it carries 6 bits.
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> ICECredentials {
        ICECredentials(validUsernameFragment: randomICEChars(generatedUsernameFragmentLength, using: &generator),
                       validPassword: randomICEChars(generatedPasswordLength, using: &generator))
    }

    public var description: String {
        "ice-ufrag \(usernameFragment), ice-pwd of \(password.utf8.count) characters"
    }

    /// Hides the password from `dump` and test failure messages, as `description` does.
    public var customMirror: Mirror {
        Mirror(self, children: ["usernameFragment": usernameFragment])
    }

    /// The 64 ice-chars, so that a uniform 6-bit value picks one uniformly.
    private static let iceChars: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func randomICEChars<Generator: RandomNumberGenerator>(_ count: Int,
                                                                      using generator: inout Generator) -> String {
        let bytes = (0..<count).map { _ in iceChars[Int(UInt8.random(in: 0..<64, using: &generator))] }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func validate(_ value: String, _ field: ICECredentialField,
                                 lengths: ClosedRange<Int>) throws(ICECredentialError) {
        let length = value.utf8.count
        guard lengths.contains(length) else { throw .wrongLength(field, length: length, allowed: lengths) }
        for (offset, byte) in value.utf8.enumerated() where !isICEChar(byte) {
            throw .invalidCharacter(field, offset: offset)
        }
    }

    private static func isICEChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
