import SRTP
import Testing

@Suite("SRTP profiles and keying material")
struct SRTPKeyingTests {
    @Test("profile ids, names and lengths follow RFC 5764 and RFC 7714")
    func profileTable() {
        // (id, IANA name, key, salt, RTP tag, RTCP tag)
        let expected: [(UInt16, String, Int, Int, Int, Int)] = [
            (0x0001, "SRTP_AES128_CM_HMAC_SHA1_80", 16, 14, 10, 10),
            (0x0002, "SRTP_AES128_CM_HMAC_SHA1_32", 16, 14, 4, 10),
            (0x0007, "SRTP_AEAD_AES_128_GCM", 16, 12, 16, 16),
            (0x0008, "SRTP_AEAD_AES_256_GCM", 32, 12, 16, 16),
        ]
        #expect(SRTPProfile.allCases.count == expected.count)
        for (id, name, key, salt, rtpTag, rtcpTag) in expected {
            guard let profile = SRTPProfile(dtlsProfileID: id) else {
                Issue.record("no profile for id \(id)")
                continue
            }
            #expect(profile.dtlsProfileID == id)
            #expect(profile.ianaName == name)
            #expect("\(profile)" == name)
            #expect(profile.masterKeyLength == key)
            #expect(profile.masterSaltLength == salt)
            #expect(profile.keyingMaterialLength == 2 * (key + salt))
            #expect(profile.rtpTrailerLength == rtpTag)
            #expect(profile.rtcpTrailerLength == rtcpTag + 4)
        }
        #expect(SRTPProfile(dtlsProfileID: 0x0005) == nil)  // SRTP_NULL_HMAC_SHA1_80: not offered
    }

    @Test("exporter output splits as client key | server key | client salt | server salt", arguments: SRTPProfile.allCases)
    func exporterSplit(profile: SRTPProfile) throws {
        let key = profile.masterKeyLength, salt = profile.masterSaltLength
        let exported = (0..<profile.keyingMaterialLength).map { UInt8($0) }
        let clientKey = SRTPMasterKey(key: Array(0..<UInt8(key)), salt: Array(UInt8(2 * key)..<UInt8(2 * key + salt)))
        let serverKey = SRTPMasterKey(
            key: Array(UInt8(key)..<UInt8(2 * key)),
            salt: Array(UInt8(2 * key + salt)..<UInt8(2 * key + 2 * salt)))

        let client = try SRTPKeyingMaterial(exported: exported, profile: profile, role: .client)
        #expect(client.local == clientKey)
        #expect(client.remote == serverKey)
        let server = try SRTPKeyingMaterial(exported: exported, profile: profile, role: .server)
        #expect(server.local == serverKey)
        #expect(server.remote == clientKey)
        #expect(server.profile == profile)
    }

    @Test("wrong exporter length is a typed error", arguments: SRTPProfile.allCases)
    func wrongExportedLength(profile: SRTPProfile) {
        let needed = profile.keyingMaterialLength
        for actual in [0, needed - 1, needed + 1] {
            #expect(throws: SRTPError.keyingMaterialLength(profile: profile, expected: needed, actual: actual)) {
                try SRTPKeyingMaterial(exported: [UInt8](repeating: 1, count: actual), profile: profile, role: .client)
            }
        }
    }

    @Test("wrong master key or salt length is a typed error")
    func wrongKeyLengths() {
        let good = SRTPMasterKey(key: [UInt8](repeating: 1, count: 16), salt: [UInt8](repeating: 2, count: 12))
        let shortKey = SRTPMasterKey(key: [UInt8](repeating: 1, count: 15), salt: good.salt)
        let cmSalt = SRTPMasterKey(key: good.key, salt: [UInt8](repeating: 2, count: 14))

        #expect(throws: SRTPError.masterKeyLength(profile: .aeadAes128Gcm, expected: 16, actual: 15)) {
            try SRTPKeyingMaterial(profile: .aeadAes128Gcm, local: good, remote: shortKey)
        }
        #expect(throws: SRTPError.masterSaltLength(profile: .aeadAes128Gcm, expected: 12, actual: 14)) {
            try SRTPKeyingMaterial(profile: .aeadAes128Gcm, local: cmSalt, remote: good)
        }
        #expect(throws: SRTPError.masterKeyLength(profile: .aeadAes256Gcm, expected: 32, actual: 16)) {
            try SRTPKeyingMaterial(profile: .aeadAes256Gcm, local: good, remote: good)
        }
        #expect(throws: Never.self) {
            try SRTPKeyingMaterial(profile: .aes128CmHmacSha1_32, local: cmSalt, remote: cmSalt)
        }
    }

    @Test("errors and descriptions say what happened without printing secrets")
    func descriptions() throws {
        let material = try SRTPKeyingMaterial(
            exported: [UInt8](repeating: 0xAB, count: 60), profile: .aes128CmHmacSha1_80, role: .server)
        #expect("\(material)" == "SRTPKeyingMaterial(SRTP_AES128_CM_HMAC_SHA1_80, local: SRTPMasterKey(16-byte key, 14-byte salt), remote: SRTPMasterKey(16-byte key, 14-byte salt))")
        #expect(!String(reflecting: material).lowercased().contains("171"))  // 0xAB never shown
        let error = SRTPError.keyingMaterialLength(profile: .aeadAes128Gcm, expected: 56, actual: 60)
        #expect("\(error)" == "SRTP_AEAD_AES_128_GCM needs 56 bytes of exported keying material, got 60")
    }

    @Test("status codes carry libsrtp's constant names")
    func statusNames() {
        #expect(SRTPStatus(code: 0).name == "srtp_err_status_ok")
        #expect(SRTPStatus(code: 2).name == "srtp_err_status_bad_param")
        #expect(SRTPStatus(code: 7).name == "srtp_err_status_auth_fail")
        #expect(SRTPStatus(code: 9).name == "srtp_err_status_replay_fail")
        #expect(SRTPStatus(code: 27).name == "srtp_err_status_pkt_idx_adv")
        #expect(SRTPStatus(code: 99).description == "srtp_err_status_99 (99)")
    }

    @Test("the library reports its version")
    func version() {
        #expect(SRTPLibrary.version.hasPrefix("libsrtp"))
        #expect(throws: Never.self) { try SRTPLibrary.initialize() }
    }
}
