/// One direction's SRTP master key and master salt.
///
/// Invariant: none by itself; `SRTPKeyingMaterial` checks the lengths against a profile. The
/// description never prints the secret bytes.
public struct SRTPMasterKey: Sendable, Equatable, CustomStringConvertible {
    /// The master key bytes.
    public let key: [UInt8]
    /// The master salt bytes.
    public let salt: [UInt8]

    public init(key: [UInt8], salt: [UInt8]) {
        self.key = key
        self.salt = salt
    }

    public var description: String {
        "SRTPMasterKey(\(key.count)-byte key, \(salt.count)-byte salt)"
    }
}

/// The master keys of both directions of one DTLS-SRTP association.
///
/// Invariant: `local` and `remote` have exactly `profile.masterKeyLength` key bytes and
/// `profile.masterSaltLength` salt bytes. `local` protects what this endpoint sends; `remote`
/// unprotects what it receives.
public struct SRTPKeyingMaterial: Sendable, Equatable, CustomStringConvertible {
    /// Which end of the DTLS handshake this endpoint was.
    public enum Role: Sendable, Equatable {
        case client
        case server
    }

    public let profile: SRTPProfile
    /// Keys for packets this endpoint sends.
    public let local: SRTPMasterKey
    /// Keys for packets this endpoint receives.
    public let remote: SRTPMasterKey

    /// Builds keying material from explicit keys, checking their lengths against `profile`.
    public init(profile: SRTPProfile, local: SRTPMasterKey, remote: SRTPMasterKey) throws(SRTPError) {
        for master in [local, remote] {
            guard master.key.count == profile.masterKeyLength else {
                throw .masterKeyLength(profile: profile, expected: profile.masterKeyLength, actual: master.key.count)
            }
            guard master.salt.count == profile.masterSaltLength else {
                throw .masterSaltLength(profile: profile, expected: profile.masterSaltLength, actual: master.salt.count)
            }
        }
        self.profile = profile
        self.local = local
        self.remote = remote
    }

    /// Splits the output of the DTLS exporter (label `EXTRACTOR-dtls_srtp`, RFC 5764 §4.2),
    /// laid out as client key | server key | client salt | server salt.
    ///
    /// The DTLS client sends with the client key and salt, so for `.client` they are `local`.
    public init(exported: [UInt8], profile: SRTPProfile, role: Role) throws(SRTPError) {
        guard exported.count == profile.keyingMaterialLength else {
            throw .keyingMaterialLength(profile: profile, expected: profile.keyingMaterialLength, actual: exported.count)
        }
        let keyLength = profile.masterKeyLength
        let saltLength = profile.masterSaltLength
        let saltStart = 2 * keyLength
        let client = SRTPMasterKey(
            key: Array(exported[0..<keyLength]),
            salt: Array(exported[saltStart..<saltStart + saltLength])
        )
        let server = SRTPMasterKey(
            key: Array(exported[keyLength..<saltStart]),
            salt: Array(exported[saltStart + saltLength..<saltStart + 2 * saltLength])
        )
        switch role {
        case .client: try self.init(profile: profile, local: client, remote: server)
        case .server: try self.init(profile: profile, local: server, remote: client)
        }
    }

    public var description: String {
        "SRTPKeyingMaterial(\(profile), local: \(local), remote: \(remote))"
    }
}
