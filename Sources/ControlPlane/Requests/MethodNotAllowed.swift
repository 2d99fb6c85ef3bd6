public import Hummingbird

extension RouterMethods {
    /// Makes `path` answer 405 `method_not_allowed`, with an `Allow` header listing `allowed`,
    /// for each of GET, POST, PUT, PATCH and DELETE that is not in `allowed` (the router alone
    /// would answer 404). The allowed methods' handlers are registered by the caller.
    ///
    /// A 405 is decided by the route alone, before credentials are looked at: which methods a
    /// path takes is public (it is the API's contract).
    public func rejectOtherMethods(on path: RouterPath, allowing allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        let rejected: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete].filter { !allowed.contains($0) }
        for method in rejected {
            on(path, method: method) { request, _ -> Response in
                throw APIError(
                    status: .methodNotAllowed, code: "method_not_allowed",
                    message: "\(request.uri.path) takes \(allow), not \(method.rawValue).",
                    headers: [.allow: allow])
            }
        }
    }
}
