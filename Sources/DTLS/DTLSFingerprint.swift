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
        var digest: [UInt8] = []
        digest.reserveCapacity(algorithm.digestLength)
        for pair in fields[1].split(separator: ":", omittingEmptySubsequences: false) {
            let characters = Array(pair.utf8)
            guard characters.count == 2, let high = Self.nibble(characters[0]), let low = Self.nibble(characters[1]) else {
                throw .invalidFingerprint("\"\(pair)\" is not a hex byte in \"\(fields[1])\"")
            }
            digest.append(high << 4 | low)
        }
        try self.init(algorithm: algorithm, digest: digest)
    }

    /// The attribute value for SDP, e.g. `sha-256 AB:CD:…`.
    public var sdpValue: String {
        algorithm.sdpName + " " + Self.hex(digest)
    }

    public var description: String { sdpValue }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 3)
        for (index, byte) in bytes.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ":")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
