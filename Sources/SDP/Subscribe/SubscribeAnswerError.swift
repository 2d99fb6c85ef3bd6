public import RTCWire

/// Why a subscriber's answer that parses cannot be used (the API's 422).
///
/// Invariant: each description is one sentence naming the section (by index or mid) or the
/// line concerned, fit for the API's error message.
public enum SubscribeAnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The answer has another number of m-sections than the offer.
    case sectionCountMismatch(offered: Int, answered: Int)
    /// The m-section at `index` has another media kind than the offered one.
    case kindMismatch(index: Int, offered: MediaKind, answered: MediaKind)
    /// The m-section at `index` has another `a=mid` than the offered one (or none).
    case midMismatch(index: Int, offered: Mid?, answered: Mid?)
    /// The answer has no `a=group:BUNDLE`; the server requires BUNDLE.
    case bundleMissing
    /// An accepted section's mid is not in the answer's BUNDLE group.
    case notBundled(mid: Mid)
    /// Every section is rejected (port 0), so there is no transport to read.
    case noAcceptedSection
    /// An accepted audio or video section lacks `a=rtcp-mux`; the server requires it.
    case rtcpMuxMissing(mid: Mid)
    /// No `a=ice-ufrag`/`a=ice-pwd` at the media or session level.
    case iceCredentialsMissing(mid: Mid)
    /// The ICE credentials are too short, too long or use characters outside ice-char.
    case iceCredentialsInvalid(mid: Mid)
    /// No `a=fingerprint` with sha-256, sha-384 or sha-512.
    case fingerprintMissing(mid: Mid)
    /// `a=setup:actpass` or `holdconn`: an answer must choose `active` or `passive`.
    case setupRoleUnusable(mid: Mid, role: SetupRole)
    /// The answer lists a payload type the offer did not give this section.
    case unofferedPayloadType(mid: Mid, payloadType: PayloadType)
    /// The answer to a `sendonly` section says `sendonly`: the subscriber cannot send on it.
    case directionUnusable(mid: Mid, direction: MediaDirection)
    /// The accepted data section says `a=sctp-port:0`, which names no SCTP port.
    case sctpPortInvalid(mid: Mid)

    public var description: String {
        switch self {
        case .sectionCountMismatch(let offered, let answered):
            return "the answer has \(answered) m-sections, the offer \(offered)"
        case .kindMismatch(let index, let offered, let answered):
            return "m-section \(index) is m=\(answered) in the answer but m=\(offered) in the offer"
        case .midMismatch(let index, let offered, let answered):
            return "m-section \(index) has \(Self.describe(answered)) in the answer but \(Self.describe(offered)) in the offer"
        case .bundleMissing:
            return "the answer has no a=group:BUNDLE (BUNDLE is required)"
        case .notBundled(let mid):
            return "m-section mid \(mid) is accepted but not in the answer's a=group:BUNDLE"
        case .noAcceptedSection:
            return "the answer rejects every m-section (port 0)"
        case .rtcpMuxMissing(let mid):
            return TransportProblemText.rtcpMuxMissing(mid)
        case .iceCredentialsMissing(let mid):
            return TransportProblemText.iceCredentialsMissing(mid)
        case .iceCredentialsInvalid(let mid):
            return TransportProblemText.iceCredentialsInvalid(mid)
        case .fingerprintMissing(let mid):
            return TransportProblemText.fingerprintMissing(mid)
        case .setupRoleUnusable(let mid, let role):
            return "m-section mid \(mid) answers a=setup:\(role.rawValue); an answer must say active or passive"
        case .unofferedPayloadType(let mid, let payloadType):
            return "m-section mid \(mid) answers payload type \(payloadType), which the offer did not list"
        case .directionUnusable(let mid, let direction):
            return "m-section mid \(mid) answers a=\(direction.rawValue) to a=sendonly; it must be recvonly or inactive"
        case .sctpPortInvalid(let mid):
            return "m-section mid \(mid) answers a=sctp-port:0; an accepted data section needs an SCTP port (1–65535), or port 0 on its m= line to reject it"
        }
    }

    private static func describe(_ mid: Mid?) -> String {
        mid.map { "a=mid:\($0)" } ?? "no a=mid"
    }
}
