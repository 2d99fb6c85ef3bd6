/// The crypto library a libsrtp build uses for its ciphers, as its AES-128 counter mode
/// cipher's description names it (libsrtp 2.x: "AES-128 counter mode using openssl",
/// "... using NSS", "... using mbedtls", or "AES-128 integer counter mode" for its own code).
///
/// Invariant: a description is `.unknown` unless it is exactly one of those four.
public enum SRTPCryptoBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// OpenSSL's libcrypto: what Switchboard builds (`scripts/build-libsrtp.sh`).
    case openssl
    /// Mozilla NSS: Debian's libsrtp2 binary package.
    case nss
    /// Arm Mbed TLS.
    case mbedtls
    /// libsrtp's own portable AES and SHA-1 code (configured without a crypto library).
    case builtIn = "internal"
    /// A description this module does not recognise.
    case unknown

    /// The backend named by a libsrtp AES-128 counter mode cipher description.
    public init(cipherDescription: String) {
        self = switch cipherDescription {
        case "AES-128 counter mode using openssl": .openssl
        case "AES-128 counter mode using NSS": .nss
        case "AES-128 counter mode using mbedtls": .mbedtls
        case "AES-128 integer counter mode": .builtIn
        default: .unknown
        }
    }

    public var description: String { rawValue }
}
