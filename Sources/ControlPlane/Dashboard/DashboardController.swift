public import Hummingbird

/// `GET /dashboard`: the operator dashboard, a page with its script, style sheet and icon
/// (`/dashboard/app.js`, `/dashboard/style.css`, `/dashboard/icon.svg`), all shipped inside
/// the server; other methods get 405.
///
/// The files hold no data, so they take no credentials: the page asks the API (`GET /v1/stats`,
/// `GET /v1/rooms`) with the operator key the browser keeps (from the address's fragment,
/// `#key=…`, which is never sent, or a form), and shows what it answers, errors included.
public struct DashboardController: Sendable {
    /// Same-origin files only: no inline script or style, no other host, no framing, no form
    /// posts.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The files by path.
    static let assets: [(path: String, asset: DashboardAsset)] = [
        ("/dashboard", DashboardAsset(contentType: "text/html; charset=utf-8", text: DashboardPage.html)),
        ("/dashboard/app.js", DashboardAsset(contentType: "text/javascript; charset=utf-8", text: DashboardScript.source)),
        ("/dashboard/style.css", DashboardAsset(contentType: "text/css; charset=utf-8", text: DashboardStyle.css)),
        ("/dashboard/icon.svg", DashboardAsset(contentType: "image/svg+xml", text: DashboardIcon.svg)),
    ]

    public init() {}

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        for (path, asset) in Self.assets {
            let routerPath = RouterPath(path)
            router.get(routerPath) { _, _ in asset.response }
            router.rejectOtherMethods(on: routerPath, allowing: [.get])
        }
    }
}
