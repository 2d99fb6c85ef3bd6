import SDP

/// Why a subscribe call was refused (after credentials and the participant were checked).
///
/// Invariant: each case has one status and one stable code (see ``apiError``).
public enum SubscribeError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 404 `track_not_found`: a named track is not published in the room.
    case trackNotFound(String)
    /// 422 `own_track`: a participant cannot subscribe to its own track.
    case ownTrack(String)
    /// 409 `nothing_to_subscribe`: no track to receive yet and no `data` permission (wait for a
    /// `renegotiate` event).
    case nothingToSubscribe
    /// 409 `negotiation_in_progress`: another subscribe offer of the participant is being made.
    case negotiationInProgress
    /// 409 `no_pending_offer`: `PUT` without an offer awaiting its answer.
    case noPendingOffer
    /// 409 `offer_superseded`: the answer is for an earlier offer (`If-Match` names another
    /// version, or its sections are not those of the latest offer).
    case offerSuperseded(String)
    /// 400 `invalid_sdp`: the answer does not parse.
    case invalidSDP(SDPError)
    /// 422 `unusable_answer`: the answer parses but cannot be used.
    case unusableAnswer(SubscribeAnswerError)
    /// 404 `track_not_subscribed`: `PATCH` names a track the participant does not receive.
    case trackNotSubscribed(String)
    /// 400 `invalid_field`: the `PATCH` body has neither `paused` nor `maxLayer`.
    case nothingToChange

    public var apiError: APIError {
        switch self {
        case .trackNotFound: APIError(status: .notFound, code: "track_not_found", message: description)
        case .ownTrack: APIError(status: .unprocessableContent, code: "own_track", message: description)
        case .nothingToSubscribe: APIError(status: .conflict, code: "nothing_to_subscribe", message: description)
        case .negotiationInProgress: APIError(status: .conflict, code: "negotiation_in_progress", message: description)
        case .noPendingOffer: APIError(status: .conflict, code: "no_pending_offer", message: description)
        case .offerSuperseded: APIError(status: .conflict, code: "offer_superseded", message: description)
        case .invalidSDP: APIError(status: .badRequest, code: "invalid_sdp", message: description)
        case .unusableAnswer: APIError(status: .unprocessableContent, code: "unusable_answer", message: description)
        case .trackNotSubscribed: APIError(status: .notFound, code: "track_not_subscribed", message: description)
        case .nothingToChange: APIError(status: .badRequest, code: "invalid_field", message: description)
        }
    }

    public var description: String {
        switch self {
        case .trackNotFound(let track): "No track \"\(RequestError.shortened(track))\" is published in this room."
        case .ownTrack(let track): "Track \(track) is the participant's own; a participant does not receive its own tracks."
        case .nothingToSubscribe: "There is no track to receive yet; POST again after a renegotiate event."
        case .negotiationInProgress: "Another subscribe offer of this participant is being made; retry when it is done."
        case .noPendingOffer: "There is no subscribe offer awaiting an answer; POST …/subscribe first."
        case .offerSuperseded(let reason): "The answer is not for the latest subscribe offer: \(reason)."
        case .invalidSDP(let error): "The answer is not valid SDP: \(error)"
        case .unusableAnswer(let error): "The answer cannot be used: \(error)"
        case .trackNotSubscribed(let track): "The participant does not receive track \(RequestError.shortened(track))."
        case .nothingToChange: "The body must set \"paused\" (a boolean) or \"maxLayer\" (\"h\", \"m\" or \"l\")."
        }
    }
}
