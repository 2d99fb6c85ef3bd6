/// The SRTP protection profiles a scenario may name (RFC 5764 §4.1.2, RFC 7714 §14.2), by their
/// IANA names. OpenSSL spells the AES-CM ones differently (`SRTP_AES128_CM_SHA1_80`); both
/// spellings are accepted and stored as the IANA name.
public enum SRTPProfileName {
    public static let aes128CmHmacSha1_80 = "SRTP_AES128_CM_HMAC_SHA1_80"
    public static let aes128CmHmacSha1_32 = "SRTP_AES128_CM_HMAC_SHA1_32"
    public static let aeadAes128Gcm = "SRTP_AEAD_AES_128_GCM"
    public static let aeadAes256Gcm = "SRTP_AEAD_AES_256_GCM"

    /// Every profile the harness's DTLS can offer, IANA names.
    public static let all = [aes128CmHmacSha1_80, aes128CmHmacSha1_32, aeadAes128Gcm, aeadAes256Gcm]

    /// The IANA name for `name` (IANA or OpenSSL spelling, any letter case); nil when it is not
    /// a profile the harness knows.
    public static func canonical(_ name: String) -> String? {
        let upper = name.uppercased()
        switch upper {
        case "SRTP_AES128_CM_SHA1_80": return aes128CmHmacSha1_80
        case "SRTP_AES128_CM_SHA1_32": return aes128CmHmacSha1_32
        default: return all.contains(upper) ? upper : nil
        }
    }
}
