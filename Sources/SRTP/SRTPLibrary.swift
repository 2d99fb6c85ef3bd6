internal import CSRTP
internal import CSwitchboardShims

/// Process-wide libsrtp state: the one-time `srtp_init`, the allocation-free HMAC-SHA1 that
/// replaces libsrtp's own, and what libsrtp was built with.
///
/// Invariants: `srtp_init` and the HMAC-SHA1 replacement run at most once per process, on first
/// use, whichever thread gets there first (a Swift `static let` is initialised exactly once,
/// thread-safely), and both happen before any session exists, because `SRTPSession.init` waits
/// for them. Every AES-CM session therefore authenticates with the replacement, which computes
/// the same tags as libsrtp's HMAC without allocating per packet.
public enum SRTPLibrary {
    /// libsrtp's version string, e.g. `libsrtp2 2.5.0`, for the startup log.
    public static var version: String {
        String(cString: srtp_get_version_string())
    }

    /// The crypto library behind libsrtp's ciphers, for the startup log. Switchboard expects
    /// `.openssl` (`scripts/build-libsrtp.sh`): Debian's own libsrtp2 uses NSS, which is slower
    /// and allocates per packet.
    public static var cryptoBackend: SRTPCryptoBackend {
        SRTPCryptoBackend(cipherDescription: cipherDescription)
    }

    /// libsrtp's description of its AES-128 counter mode cipher, which names the backend, e.g.
    /// `AES-128 counter mode using openssl`.
    public static var cipherDescription: String {
        String(cString: CSwitchboardShims_srtp_cipher_backend_description())
    }

    private static let initializationFailure: SRTPError? = {
        let initialized = SRTPStatus(srtp_init())
        guard initialized.code == 0 else { return .libraryInitialization(initialized) }
        let installed = SRTPStatus(code: CSwitchboardShims_srtp_install_hmac_sha1())
        guard installed.code == 0 else { return .hmacReplacement(installed) }
        return nil
    }()

    /// Initialises libsrtp and installs the HMAC-SHA1 replacement if no call has yet; every call
    /// reports the outcome of the first.
    ///
    /// Optional: `SRTPSession.init` calls it. Calling it at startup surfaces a failure early.
    public static func initialize() throws(SRTPError) {
        if let initializationFailure { throw initializationFailure }
    }
}
