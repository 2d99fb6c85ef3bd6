import RTCWire

/// A certificate fingerprint as SDP carries it in `a=fingerprint` (RFC 8122 §5):
/// `sha-256 AB:CD:…`, the hash of the DER-encoded certificate.
///
/// Invariant: `digest.count == algorithm.digestLength`. `sdpValue` writes the algorithm's
/// lower-case name and upper-case hex bytes joined by colons; parsing also accepts either case.
public struct DTLSFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The hash functions a fingerprint may use. SHA-1 and MD5 are refused (RFC 8122 §5 asks for
    /// SHA-256 at least, and WebRTC browsers only send SHA-256).
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case sha256 = "sha-256"
        case sha384 = "sha-384"
        case sha512 = "sha-512"

        /// The name SDP uses, e.g. `sha-256`.
        public var sdpName: String { rawValue }

        /// Bytes in a digest of this algorithm.
        public var digestLength: Int {
            switch self {
            case .sha256: 32
            case .sha384: 48
            case .sha512: 64
            }
        }

        /// Stronger algorithms rank higher; a peer's certificate is checked with the strongest
        /// algorithm among the fingerprints it gave (RFC 8122 §5).
        var strength: Int { digestLength }
    }

    public let algorithm: Algorithm
    public let digest: [UInt8]

    /// A fingerprint from raw digest bytes.
    public init(algorithm: Algorithm, digest: [UInt8]) throws(DTLSError) {
        guard digest.count == algorithm.digestLength else {
            throw .invalidFingerprint(
                "a \(algorithm.sdpName) digest has \(algorithm.digestLength) bytes, got \(digest.count)")
        }
        self.algorithm = algorithm
        self.digest = digest
    }

    /// Parses the value of an SDP `a=fingerprint:` attribute: the hash function's name, white
    /// space, then the digest as hex byte pairs separated by colons.
    public init(sdpValue: String) throws(DTLSError) {
        let fields = sdpValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 2 else {
            throw .invalidFingerprint("expected \"<hash function> <hex bytes>\", got \"\(sdpValue)\"")
        }
        guard let algorithm = Algorithm(rawValue: fields[0].lowercased()) else {
            throw .invalidFingerprint("unsupported hash function \"\(fields[0])\"")
        }
        guard let digest = ColonHex.decode(fields[1]) else {
            throw .invalidFingerprint("\"\(fields[1])\" is not hex bytes separated by colons")
        }
        try self.init(algorithm: algorithm, digest: digest)
    }

    /// The attribute value for SDP, e.g. `sha-256 AB:CD:…`.
    public var sdpValue: String {
        algorithm.sdpName + " " + ColonHex.encode(digest)
    }

    public var description: String { sdpValue }
}
