public import Hummingbird
import Logging

/// Makes every error answer use the API's error body: ``APIErrorConvertible`` errors answer with
/// their ``APIError``, Hummingbird's own `HTTPError`s (no such route, body too large, undecodable
/// body, ...) become ``APIError``s with the same status, and any other error becomes a 500
/// `internal_error` whose details go to the log, not the client.
///
/// Each error answer is logged once, on the request's logger: `api error` with its `status`,
/// `code`, `method`, `path` and message (`reason`). The path goes without its query string (so a
/// `?token=` never reaches the log), and no body or credential is logged. 4xx answers are logged
/// at `info`, 503 at `warning`, 500 at `error` with the underlying error's details (`cause`).
public struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let (apiError, detail) = Self.apiError(for: error, request)
            Self.log(apiError, detail: detail, request, logger: context.logger)
            throw apiError
        }
    }

    /// The answer for `error`, and for an unexpected error the details that only the log gets.
    private static func apiError(for error: any Error, _ request: Request) -> (APIError, detail: String?) {
        switch error {
        case let error as APIError:
            return (error, nil)
        case let error as any APIErrorConvertible:
            return (error.apiError, nil)
        case let error as HTTPError:
            return (
                APIError(
                    status: error.status, code: APIError.code(for: error.status),
                    message: error.body ?? message(for: error.status, request), headers: error.headers),
                nil
            )
        default:
            return (
                APIError(status: .internalServerError, message: "The server failed to handle this request."),
                String(reflecting: error)
            )
        }
    }

    private static func log(_ error: APIError, detail: String?, _ request: Request, logger: Logger) {
        var metadata: Logger.Metadata = [
            "status": "\(error.status.code)", "code": "\(error.code)", "method": "\(request.method)",
            "path": "\(request.uri.path)", "reason": "\(error.message)",
        ]
        if let detail { metadata["cause"] = "\(detail)" }
        let level: Logger.Level =
            switch error.status.code {
            case 500: .error
            case 500...: .warning
            default: .info
            }
        logger.log(level: level, "api error", metadata: metadata)
    }

    private static func message(for status: HTTPResponse.Status, _ request: Request) -> String {
        if status == .notFound {
            return "No resource at \(request.method) \(request.uri.path)."
        }
        return "\(status.reasonPhrase)."
    }
}
