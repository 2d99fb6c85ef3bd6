public import SDP

/// Why a publish call (offer, trickle, unpublish) was refused before or outside the engine.
///
/// Invariant: each case has one status and one stable code (see ``apiError``); SDP errors name
/// the line, as the API requires.
public enum PublishError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 503 `media_unavailable`: the server runs without a media engine.
    case mediaUnavailable
    /// 400 `invalid_sdp`: the offer does not parse (or has a malformed fingerprint).
    case invalidSDP(SDPError)
    /// 422 `unusable_offer`: the offer parses but cannot be answered.
    case unusableOffer(SDPAnswerError)
    /// 400 `invalid_sdpfrag`: a trickle fragment line does not parse.
    case invalidFragment(SDPError)
    /// 422 `ice_restart_unsupported`: a trickle fragment with ICE credentials other than the
    /// negotiated ones (an ICE restart, which the server does not do).
    case iceRestartUnsupported

    public var apiError: APIError {
        switch self {
        case .mediaUnavailable: APIError(status: .serviceUnavailable, code: "media_unavailable", message: description)
        case .invalidSDP: APIError(status: .badRequest, code: "invalid_sdp", message: description)
        case .unusableOffer: APIError(status: .unprocessableContent, code: "unusable_offer", message: description)
        case .invalidFragment: APIError(status: .badRequest, code: "invalid_sdpfrag", message: description)
        case .iceRestartUnsupported: APIError(status: .unprocessableContent, code: "ice_restart_unsupported", message: description)
        }
    }

    public var description: String {
        switch self {
        case .mediaUnavailable: "This server runs without a media engine, so it cannot publish media."
        case .invalidSDP(let error): "The offer is not valid SDP: \(error)."
        case .unusableOffer(let error): "The offer cannot be answered: \(error)."
        case .invalidFragment(let error): "The trickle fragment is not valid: \(error)."
        case .iceRestartUnsupported:
            "The fragment's ICE credentials differ from the negotiated ones; the server does not support ICE restarts."
        }
    }
}
