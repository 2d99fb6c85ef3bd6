import Hummingbird
import NIOCore

/// One file of the operator dashboard, ready to send: its bytes, made once, and its media type.
///
/// Every answer carries ``DashboardController/contentSecurityPolicy``, `nosniff`, no referrer
/// (the page's address may hold the key in its fragment) and `no-cache` (the files change
/// with the server).
struct DashboardAsset: Sendable {
    let contentType: String
    let body: ByteBuffer

    init(contentType: String, text: String) {
        self.contentType = contentType
        body = ByteBuffer(string: text)
    }

    /// `Referrer-Policy` (W3C Referrer Policy), which HTTPTypes names no constant for (its
    /// `HTTPField` is reached through `HTTPFields`, which Hummingbird exports).
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

    var response: Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentSecurityPolicy: DashboardController.contentSecurityPolicy,
                .xContentTypeOptions: "nosniff",
                Self.referrerPolicy: "no-referrer",
                .cacheControl: "no-cache",
            ],
            body: ResponseBody(byteBuffer: body))
    }
}
