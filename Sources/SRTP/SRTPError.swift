/// Why SRTP keying material or a session could not be set up (control path only; the packet
/// path reports `SRTPResult` values instead).
public enum SRTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The DTLS exporter output does not have the profile's `keyingMaterialLength`.
    case keyingMaterialLength(profile: SRTPProfile, expected: Int, actual: Int)
    /// A master key does not have the profile's `masterKeyLength`.
    case masterKeyLength(profile: SRTPProfile, expected: Int, actual: Int)
    /// A master salt does not have the profile's `masterSaltLength`.
    case masterSaltLength(profile: SRTPProfile, expected: Int, actual: Int)
    /// The replay window is outside what libsrtp accepts.
    case replayWindowSize(requested: Int, allowed: ClosedRange<Int>)
    /// `srtp_init` failed; no session can be created in this process.
    case libraryInitialization(SRTPStatus)
    /// libsrtp refused the allocation-free HMAC-SHA1 (`srtp_replace_auth_type`): it failed a
    /// known-answer self test. No session can be created in this process.
    case hmacReplacement(SRTPStatus)
    /// `srtp_create` refused the policy for one direction.
    case sessionCreation(direction: SRTPDirection, status: SRTPStatus)

    public var description: String {
        switch self {
        case let .keyingMaterialLength(profile, expected, actual):
            "\(profile) needs \(expected) bytes of exported keying material, got \(actual)"
        case let .masterKeyLength(profile, expected, actual):
            "\(profile) needs a \(expected)-byte master key, got \(actual) bytes"
        case let .masterSaltLength(profile, expected, actual):
            "\(profile) needs a \(expected)-byte master salt, got \(actual) bytes"
        case let .replayWindowSize(requested, allowed):
            "SRTP replay window \(requested) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .libraryInitialization(status):
            "srtp_init failed: \(status)"
        case let .hmacReplacement(status):
            "libsrtp refused the allocation-free HMAC-SHA1 replacement: \(status)"
        case let .sessionCreation(direction, status):
            "srtp_create for the \(direction) context failed: \(status)"
        }
    }
}

/// The direction of one libsrtp context inside an `SRTPSession`.
public enum SRTPDirection: Sendable, Equatable, CustomStringConvertible {
    /// Protects packets this endpoint sends.
    case outbound
    /// Unprotects packets this endpoint receives.
    case inbound

    public var description: String {
        switch self {
        case .outbound: "outbound"
        case .inbound: "inbound"
        }
    }
}
