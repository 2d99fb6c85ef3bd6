import SRTP

/// SRTP profile names as the harness's configuration takes them: the IANA registry names
/// (`SRTP_AES128_CM_HMAC_SHA1_80`) and OpenSSL's spellings of the AES-CM ones
/// (`SRTP_AES128_CM_SHA1_80`), without regard to case.
enum SRTPProfileName {
    /// The profile `name` names, or nil.
    static func profile(named name: String) -> SRTPProfile? {
        let upper = name.uppercased()
        for profile in SRTPProfile.allCases where profile.ianaName == upper {
            return profile
        }
        switch upper {
        case "SRTP_AES128_CM_SHA1_80": return .aes128CmHmacSha1_80
        case "SRTP_AES128_CM_SHA1_32": return .aes128CmHmacSha1_32
        default: return nil
        }
    }
}
