import RTCWire

/// The messages for an m-section's missing or unusable transport attributes, the same whether
/// a publisher's offer or a subscriber's answer lacks them.
enum TransportProblemText {
    static func rtcpMuxMissing(_ mid: Mid) -> String {
        "m-section mid \(mid) has no a=rtcp-mux (rtcp-mux is required)"
    }

    static func iceCredentialsMissing(_ mid: Mid) -> String {
        "m-section mid \(mid) has no a=ice-ufrag and a=ice-pwd (nor does the session)"
    }

    static func iceCredentialsInvalid(_ mid: Mid) -> String {
        "m-section mid \(mid): ICE ufrag must be 4–256 and pwd 22–256 characters of [A-Za-z0-9+/]"
    }

    static func fingerprintMissing(_ mid: Mid) -> String {
        "m-section mid \(mid) has no a=fingerprint with sha-256, sha-384 or sha-512"
    }
}
