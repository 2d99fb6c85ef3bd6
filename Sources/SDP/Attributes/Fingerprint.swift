import RTCWire

/// An `a=fingerprint:<hash-function> <hex pairs>` line (RFC 8122): the digest of a DTLS
/// certificate.
///
/// Invariants: `bytes` has the digest length of `algorithm` when the algorithm is a known one
/// (sha-256: 32 bytes, sha-384: 48, sha-512: 64, ...), and at least one byte otherwise. The value
/// is written as uppercase colon-separated hex pairs; lowercase hex is accepted when parsing.
public struct Fingerprint: Hashable, Sendable {
    public let algorithm: HashFunction
    public let bytes: [UInt8]

    /// A fingerprint of `bytes`; nil when their count does not fit `algorithm`.
    public init?(algorithm: HashFunction, bytes: [UInt8]) {
        guard Fingerprint.lengthFits(bytes.count, algorithm) else { return nil }
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// A fingerprint from colon-separated hex pairs ("AB:CD:..."), as DTLS code prints them; nil
    /// when the text is not hex pairs of the algorithm's length.
    public init?(algorithm: HashFunction, hex: String) {
        guard let bytes = ColonHex.decode(hex) else { return nil }
        self.init(algorithm: algorithm, bytes: bytes)
    }

    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard fields.count == 2, SDPText.isToken(fields[0]) else {
            throw .expected("<hash function> <hex pairs separated by colons>")
        }
        let algorithm = HashFunction(name: String(fields[0]))
        guard let bytes = ColonHex.decode(fields[1]) else {
            throw .invalidFingerprint("expected hex pairs separated by colons")
        }
        guard Fingerprint.lengthFits(bytes.count, algorithm) else {
            let expected = algorithm.digestLength.map(String.init) ?? "at least 1"
            throw .invalidFingerprint("\(algorithm) needs \(expected) bytes, got \(bytes.count)")
        }
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// The value as uppercase hex pairs separated by colons.
    public var hexValue: String { ColonHex.encode(bytes) }

    var attributeValue: String { "\(algorithm) \(hexValue)" }

    private static func lengthFits(_ count: Int, _ algorithm: HashFunction) -> Bool {
        if let length = algorithm.digestLength { return count == length }
        return count > 0
    }
}

/// A hash function name of the RFC 8122 registry, compared without case.
///
/// Invariant: `other` holds a lowercase token that is none of the named cases.
public enum HashFunction: Hashable, Sendable, CustomStringConvertible {
    case sha1, sha224, sha256, sha384, sha512, md5, md2
    case other(String)

    public init(name: String) {
        switch name.lowercased() {
        case "sha-1": self = .sha1
        case "sha-224": self = .sha224
        case "sha-256": self = .sha256
        case "sha-384": self = .sha384
        case "sha-512": self = .sha512
        case "md5": self = .md5
        case "md2": self = .md2
        case let lower: self = .other(lower)
        }
    }

    /// The digest length in bytes, for the named functions.
    public var digestLength: Int? {
        switch self {
        case .sha1: return 20
        case .sha224: return 28
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        case .md5, .md2: return 16
        case .other: return nil
        }
    }

    public var description: String {
        switch self {
        case .sha1: return "sha-1"
        case .sha224: return "sha-224"
        case .sha256: return "sha-256"
        case .sha384: return "sha-384"
        case .sha512: return "sha-512"
        case .md5: return "md5"
        case .md2: return "md2"
        case .other(let name): return name
        }
    }
}
