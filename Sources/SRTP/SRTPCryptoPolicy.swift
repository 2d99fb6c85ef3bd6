internal import CSRTP

extension SRTPProfile {
    /// Fills `policy`'s RTP and RTCP crypto policies with this profile's transforms.
    ///
    /// `SRTP_AES128_CM_HMAC_SHA1_32` keeps the 80-bit tag for SRTCP (RFC 5764 §4.1.2), which is
    /// libsrtp's RTCP default. The GCM profiles use 16-octet tags (RFC 7714 §14.2).
    func setCryptoPolicies(_ policy: inout srtp_policy_t) {
        switch self {
        case .aes128CmHmacSha1_80:
            srtp_crypto_policy_set_rtp_default(&policy.rtp)
            srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        case .aes128CmHmacSha1_32:
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
            srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        case .aeadAes128Gcm:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
        case .aeadAes256Gcm:
            srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtcp)
        }
    }
}

extension SRTPDirection {
    /// Creates one libsrtp session for this direction, matching any SSRC.
    ///
    /// Outbound contexts allow repeated transmission of an index, so re-sending the identical
    /// packet (a NACK answered without RTX) is protected again instead of refused. libsrtp copies
    /// the key during `srtp_create`; the temporary copy here is zeroed afterwards.
    func makeContext(
        profile: SRTPProfile,
        master: SRTPMasterKey,
        replayWindow: Int
    ) throws(SRTPError) -> OpaquePointer {
        var policy = srtp_policy_t()
        profile.setCryptoPolicies(&policy)
        policy.ssrc.type = self == .outbound ? ssrc_any_outbound : ssrc_any_inbound
        policy.window_size = UInt(replayWindow)
        policy.allow_repeat_tx = self == .outbound ? 1 : 0
        var keyAndSalt = master.key + master.salt
        var context: srtp_t?
        let status = keyAndSalt.withUnsafeMutableBufferPointer { bytes in
            policy.key = bytes.baseAddress
            defer { policy.key = nil }
            return srtp_create(&context, &policy)
        }
        for index in keyAndSalt.indices { keyAndSalt[index] = 0 }
        guard status == srtp_err_status_ok, let context else {
            throw .sessionCreation(direction: self, status: SRTPStatus(status))
        }
        return context
    }
}
