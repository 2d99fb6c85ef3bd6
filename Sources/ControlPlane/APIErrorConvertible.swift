/// A typed control-plane error that has one API answer (status, code, message).
///
/// ``APIErrorMiddleware`` answers any error of a conforming type with its ``apiError``, so the
/// domain layers (credentials, rooms, request bodies, the media engine) throw their own enums and
/// the HTTP mapping lives next to each enum.
public protocol APIErrorConvertible: Error {
    var apiError: APIError { get }
}
