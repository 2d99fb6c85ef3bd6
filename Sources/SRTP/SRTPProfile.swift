/// An SRTP protection profile negotiated by DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2).
///
/// The raw value is the profile's two-byte identifier in the DTLS `use_srtp` extension, as
/// registered by IANA. Every length here is fixed by the profile's RFC; no MKI is ever used, so
/// the trailers are exactly the authentication tag (RTP) or the tag plus the 4-byte E-flag and
/// SRTCP index word (RTCP).
public enum SRTPProfile: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    /// `SRTP_AES128_CM_HMAC_SHA1_80`: AES-128 counter mode, 80-bit HMAC-SHA1 tags (RFC 3711).
    case aes128CmHmacSha1_80 = 0x0001
    /// `SRTP_AES128_CM_HMAC_SHA1_32`: AES-128 counter mode, 32-bit HMAC-SHA1 tag on RTP;
    /// RTCP keeps the 80-bit tag (RFC 5764 §4.1.2).
    case aes128CmHmacSha1_32 = 0x0002
    /// `SRTP_AEAD_AES_128_GCM`: AES-128 in GCM with a 16-octet tag (RFC 7714).
    case aeadAes128Gcm = 0x0007
    /// `SRTP_AEAD_AES_256_GCM`: AES-256 in GCM with a 16-octet tag (RFC 7714).
    case aeadAes256Gcm = 0x0008

    /// The profile for a DTLS-SRTP profile identifier, or nil when the identifier is not one of
    /// the profiles this module supports.
    public init?(dtlsProfileID: UInt16) {
        self.init(rawValue: dtlsProfileID)
    }

    /// The two-byte identifier carried in the DTLS `use_srtp` extension.
    public var dtlsProfileID: UInt16 { rawValue }

    /// The IANA registry name (as in W3C stats' `srtpCipher`); OpenSSL names the CM profiles
    /// differently (`SRTP_AES128_CM_SHA1_80`), which the DTLS module maps itself.
    public var ianaName: String {
        switch self {
        case .aes128CmHmacSha1_80: "SRTP_AES128_CM_HMAC_SHA1_80"
        case .aes128CmHmacSha1_32: "SRTP_AES128_CM_HMAC_SHA1_32"
        case .aeadAes128Gcm: "SRTP_AEAD_AES_128_GCM"
        case .aeadAes256Gcm: "SRTP_AEAD_AES_256_GCM"
        }
    }

    public var description: String { ianaName }

    /// Length in bytes of one master key.
    public var masterKeyLength: Int {
        switch self {
        case .aes128CmHmacSha1_80, .aes128CmHmacSha1_32, .aeadAes128Gcm: 16
        case .aeadAes256Gcm: 32
        }
    }

    /// Length in bytes of one master salt.
    public var masterSaltLength: Int {
        switch self {
        case .aes128CmHmacSha1_80, .aes128CmHmacSha1_32: 14
        case .aeadAes128Gcm, .aeadAes256Gcm: 12
        }
    }

    /// Bytes the DTLS exporter must produce for this profile: two master keys and two salts.
    public var keyingMaterialLength: Int { 2 * (masterKeyLength + masterSaltLength) }

    /// Authentication tag length of an SRTP (RTP) packet.
    public var rtpAuthTagLength: Int {
        switch self {
        case .aes128CmHmacSha1_80: 10
        case .aes128CmHmacSha1_32: 4
        case .aeadAes128Gcm, .aeadAes256Gcm: 16
        }
    }

    /// Authentication tag length of an SRTCP packet.
    public var rtcpAuthTagLength: Int {
        switch self {
        case .aes128CmHmacSha1_80, .aes128CmHmacSha1_32: 10
        case .aeadAes128Gcm, .aeadAes256Gcm: 16
        }
    }

    /// Bytes protecting an RTP packet appends: the authentication tag.
    public var rtpTrailerLength: Int { rtpAuthTagLength }

    /// Bytes protecting an RTCP packet appends: the E-flag and SRTCP index word, and the tag.
    public var rtcpTrailerLength: Int { 4 + rtcpAuthTagLength }
}
