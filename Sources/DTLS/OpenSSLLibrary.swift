internal import COpenSSL
internal import CSwitchboardShims

/// The OpenSSL library the process runs with, for the start-up log.
///
/// Invariant: read-only; both values describe the shared library loaded at run time
/// (`version`) or the headers the module was compiled against (`headerVersionNumber`).
public enum OpenSSLLibrary {
    /// OpenSSL's own version line, e.g. `OpenSSL 3.0.17 1 Jul 2025`.
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "OpenSSL (unknown version)" }
        return String(cString: text)
    }

    /// `OPENSSL_VERSION_NUMBER` of the headers this module was built with (0xMNN00PP0L).
    public static var headerVersionNumber: UInt {
        UInt(CSwitchboardShims_OPENSSL_VERSION_NUMBER())
    }
}
