/// Why the media engine refused or failed a call.
///
/// Invariant: each case has one status and one stable code (see ``apiError``); the associated
/// text is a sentence for the API's error message and never holds a secret (no ICE pwd, no keys).
public enum MediaEngineError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 503 `media_capacity`: no worker can take another transport now.
    case atCapacity(String)
    /// 409 `transport_closed`: the transport closed while the call was under way.
    case transportClosed(String)
    /// 422 `unusable_offer`: the engine cannot use what was negotiated (e.g. an SSRC another
    /// track of the room already has).
    case unusable(String)
    /// 503 `media_unavailable`: the worker did not answer or failed.
    case unavailable(String)

    public var apiError: APIError {
        switch self {
        case .atCapacity(let why): APIError(status: .serviceUnavailable, code: "media_capacity", message: why)
        case .transportClosed(let why): APIError(status: .conflict, code: "transport_closed", message: why)
        case .unusable(let why): APIError(status: .unprocessableContent, code: "unusable_offer", message: why)
        case .unavailable(let why): APIError(status: .serviceUnavailable, code: "media_unavailable", message: why)
        }
    }

    public var description: String { apiError.message }
}
