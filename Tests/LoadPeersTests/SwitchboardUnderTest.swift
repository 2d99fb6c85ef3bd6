import Foundation
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `switchboard` binary on loopback (HTTP on a free port, one media worker), driven
/// over its HTTP API with the operator key, as a conference backend would.
final class SwitchboardUnderTest {
    static let operatorKey = "load-peers-test-key"
    static let readyMarker = "ready: listening on http://"

    let process: ChildProcess
    let baseURL: String

    init() async throws {
        process = try SwitchboardBinary.start(
            arguments: ["--http", "127.0.0.1:0", "--listen-ip", "127.0.0.1", "--workers", "1"],
            environment: ["SWITCHBOARD_API_KEYS": Self.operatorKey])
        let ready = try await process.waitForLine(containing: Self.readyMarker, timeout: .seconds(20))
        guard let authority = ready.components(separatedBy: Self.readyMarker).last else {
            throw HarnessError("ready line without address: \(ready)")
        }
        baseURL = "http://" + authority.trimmingCharacters(in: .whitespaces)
    }

    /// Sends `body` (JSON object or SDP text) and returns the status and the body as text.
    func request(_ method: String, _ path: String, json: [String: Any]? = nil, sdp: String? = nil) async throws
        -> (status: Int, body: String)
    {
        var request = URLRequest(url: URL(string: baseURL + path)!, timeoutInterval: 5)
        request.httpMethod = method
        request.setValue("Bearer \(Self.operatorKey)", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        } else if let sdp {
            request.setValue("application/sdp", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(sdp.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Like `request`, failing unless the status is `expected`.
    func expect(_ expected: Int, _ method: String, _ path: String, json: [String: Any]? = nil, sdp: String? = nil) async throws -> String {
        let (status, body) = try await request(method, path, json: json, sdp: sdp)
        guard status == expected else { throw HarnessError("\(method) \(path): \(status) \(body)") }
        return body
    }
}
