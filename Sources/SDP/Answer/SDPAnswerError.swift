public import RTCWire

/// Why an offer that parses cannot be answered (the API's 422).
///
/// Invariant: each description is one sentence naming the section concerned, fit for the API's
/// error message.
public enum SDPAnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offer has no `a=group:BUNDLE`; the server requires BUNDLE.
    case bundleMissing
    /// An accepted RTP section lacks `a=rtcp-mux`; the server requires it.
    case rtcpMuxMissing(mid: Mid)
    /// No `a=ice-ufrag`/`a=ice-pwd` at the media or session level.
    case iceCredentialsMissing(mid: Mid)
    /// The ICE credentials are too short, too long or use characters outside ice-char.
    case iceCredentialsInvalid(mid: Mid)
    /// No `a=fingerprint` with sha-256, sha-384 or sha-512.
    case fingerprintMissing(mid: Mid)
    /// `a=setup:passive` or `holdconn`: the server is DTLS passive, so the offer must be
    /// `actpass` or `active`.
    case setupRoleUnusable(mid: Mid, role: SetupRole)
    /// No section can be accepted; lists why each was rejected.
    case noUsableMediaSection([RejectedSection])

    public var description: String {
        switch self {
        case .bundleMissing:
            return "the offer has no a=group:BUNDLE (BUNDLE is required)"
        case .rtcpMuxMissing(let mid):
            return TransportProblemText.rtcpMuxMissing(mid)
        case .iceCredentialsMissing(let mid):
            return TransportProblemText.iceCredentialsMissing(mid)
        case .iceCredentialsInvalid(let mid):
            return TransportProblemText.iceCredentialsInvalid(mid)
        case .fingerprintMissing(let mid):
            return TransportProblemText.fingerprintMissing(mid)
        case .setupRoleUnusable(let mid, let role):
            return "m-section mid \(mid) offers a=setup:\(role.rawValue); the server is DTLS passive, so the offer must be actpass or active"
        case .noUsableMediaSection(let rejected):
            let reasons = rejected.map(\.description).joined(separator: "; ")
            return rejected.isEmpty ? "the offer has no m-section" : "no usable m-section: \(reasons)"
        }
    }
}
