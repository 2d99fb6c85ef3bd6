public import Hummingbird

/// Makes every error answer use the API's error body: ``APIErrorConvertible`` errors answer with
/// their ``APIError``, Hummingbird's own `HTTPError`s (no such route, body too large, undecodable
/// body, ...) become ``APIError``s with the same status, and any other error becomes a 500
/// `internal_error` whose details go to the log, not the client.
public struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as any APIErrorConvertible {
            throw error.apiError
        } catch let error as HTTPError {
            throw APIError(
                status: error.status, code: APIError.code(for: error.status),
                message: error.body ?? Self.message(for: error.status, request), headers: error.headers)
        } catch {
            context.logger.error("request failed: \(String(reflecting: error))")
            throw APIError(status: .internalServerError, message: "The server failed to handle this request.")
        }
    }

    private static func message(for status: HTTPResponse.Status, _ request: Request) -> String {
        if status == .notFound {
            return "No resource at \(request.method) \(request.uri.path)."
        }
        return "\(status.reasonPhrase)."
    }
}
