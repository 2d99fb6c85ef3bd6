import ControlPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /dashboard` and its files: media types, the security headers, no inline script, no
/// outside resource, and no data in the page. (Headless Chromium runs it against a real
/// server in InteropTests.)
@Suite("Dashboard files")
struct DashboardEndpointTests {
    static let files = [
        ("/dashboard", "text/html; charset=utf-8"),
        ("/dashboard/app.js", "text/javascript; charset=utf-8"),
        ("/dashboard/style.css", "text/css; charset=utf-8"),
        ("/dashboard/icon.svg", "image/svg+xml"),
    ]

    @Test("each file answers without credentials, with its media type and a strict Content-Security-Policy",
          arguments: files)
    func file(path: String, contentType: String) async throws {
        try await TestServer.run { api in
            let response = try await api.send(.get, path, credential: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == contentType)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            let directives = Set(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(directives.isSuperset(of: ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("*"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "no-referrer")
            #expect(response.body.readableBytes > 100)
        }
    }

    @Test("other methods get 405 with Allow: GET")
    func otherMethods() async throws {
        try await TestServer.run { api in
            for (path, _) in Self.files {
                let response = try await api.send(.post, path, credential: nil)
                expectError(response, .methodNotAllowed, "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test("the page loads only the dashboard's own files, each of which is served, and has no inline script or style")
    func pageReferences() async throws {
        try await TestServer.run { api in
            let html = String(buffer: try await api.send(.get, "/dashboard", credential: nil).body)
            let references = Self.attributeValues(["src", "href"], in: html)
            #expect(Set(references) == ["/dashboard/icon.svg", "/dashboard/style.css", "/dashboard/app.js"])
            for reference in references {
                #expect(try await api.send(.get, reference, credential: nil).status == .ok, "\(reference)")
            }
            // Every <script> has a src and nothing between its tags; no style or on… attribute.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(scripts.count == 1)
            #expect(scripts.allSatisfy { $0.hasPrefix(#" src="/dashboard/app.js" defer></script>"#) }, "\(scripts)")
            #expect(Self.attributeValues(["style", "onclick", "onload", "onsubmit"], in: html).isEmpty)
            for (path, _) in Self.files {
                let text = String(buffer: try await api.send(.get, path, credential: nil).body)
                #expect(!text.contains("https://") && !text.contains("@import") && !text.contains("@font-face"), "\(path)")
            }
        }
    }

    @Test("every element the script looks up by id is in the page")
    func scriptFindsItsElements() async throws {
        try await TestServer.run { api in
            let html = String(buffer: try await api.send(.get, "/dashboard", credential: nil).body)
            let script = String(buffer: try await api.send(.get, "/dashboard/app.js", credential: nil).body)
            let ids = Set(Self.attributeValues(["id"], in: html))
            let lookedUp = Set(Self.captures(of: #"getElementById\("([^"]+)"\)"#, in: script)
                + Self.captures(of: #"setText\("([^"]+)""#, in: script))
            #expect(lookedUp.count >= 15, "\(lookedUp)")
            #expect(lookedUp.subtracting(ids).isEmpty, "missing in the page: \(lookedUp.subtracting(ids))")
        }
    }

    @Test("the page is the same whoever asks and whatever exists: it holds no data")
    func noDataInPage() async throws {
        try await TestServer.run { api in
            let before = String(buffer: try await api.send(.get, "/dashboard", credential: nil).body)
            _ = try await api.createRoom(#"{"id":"secret-room-42"}"#)
            let withKey = String(buffer: try await api.send(.get, "/dashboard").body)
            let after = String(buffer: try await api.send(.get, "/dashboard", credential: nil).body)
            #expect(before == after && after == withKey)
            #expect(!after.contains("secret-room-42") && !after.contains(TestServer.operatorKey))
        }
    }

    /// The values of `name="…"` attributes for each of `names`, in order of appearance.
    static func attributeValues(_ names: [String], in html: String) -> [String] {
        names.flatMap { name in
            captures(of: #"\s\#(name)="([^"]*)""#, in: html)
        }
    }

    /// The first capture group of each match of `pattern`, in order.
    static func captures(of pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
