import Foundation
import LoadModel
import Synchronization

/// One Janus API session over HTTP (`POST /janus` → session, handles attached to it), with
/// the two background tasks it needs: the long poll (`GET /janus/<session>?maxev=N`) that feeds
/// a `JanusEventRouter`, and keep-alives every 25 s (Janus drops a session after 60 s without a
/// request).
///
/// Invariants: both tasks run from `open` until `close` (the poll stops early when Janus says
/// the session is gone, and then every wait fails at once); every request is bounded by the
/// client's timeout, the long poll by `pollTimeout`.
final class JanusSession: Sendable {
    static let maximumEventsPerPoll = 16
    /// Janus holds a long poll for up to 30 s before answering with a keep-alive.
    static let pollTimeout: Duration = .seconds(45)
    static let keepAliveInterval: Duration = .seconds(25)

    let id: UInt64
    let client: HTTPClient
    private let router: JanusEventRouter
    private let transactions = Atomic<UInt64>(0)
    private let poll: Task<Void, Never>
    private let keepAlive: Task<Void, Never>

    /// Creates the session and starts its long poll and keep-alives.
    static func open(client: HTTPClient) async throws(SignallingError) -> JanusSession {
        let reply = try await post(client, path: "", body: ["janus": "create", "transaction": "create"], step: "create Janus session")
        guard reply.janus == "success", let id = reply.createdID else {
            throw .malformed(step: "create Janus session", reason: "no session id in the reply (\(reply.janus))")
        }
        return JanusSession(id: id, client: client)
    }

    private init(id: UInt64, client: HTTPClient) {
        self.id = id
        self.client = client
        let router = JanusEventRouter()
        self.router = router
        poll = Task { await Self.runLongPoll(client: client, session: id, router: router) }
        keepAlive = Task { await Self.runKeepAlive(client: client, session: id) }
    }

    /// Attaches a VideoRoom handle.
    func attach(step: String) async throws(SignallingError) -> UInt64 {
        let body: [String: Any] = ["janus": "attach", "plugin": "janus.plugin.videoroom", "transaction": nextTransaction()]
        let reply = try await Self.post(client, path: "/\(id)", body: body, step: step).checked(step: step)
        guard let handle = reply.createdID else { throw .malformed(step: step, reason: "no handle id in the reply (\(reply.janus))") }
        return handle
    }

    /// Detaches a handle (its PeerConnection and plugin session end); errors are ignored.
    func detach(_ handle: UInt64) async {
        let body: [String: Any] = ["janus": "detach", "transaction": nextTransaction()]
        _ = try? await Self.post(client, path: "/\(id)/\(handle)", body: body, step: "detach")
    }

    /// Sends a plugin message to `handle` (with `jsep` when given) and returns the plugin's
    /// answer: the `success` reply of a synchronous request, or the `event` an `ack` promises.
    /// A core or plugin error throws `refused` with Janus's code and reason.
    func message(to handle: UInt64, body: [String: Any], jsep: (type: String, sdp: String)? = nil, step: String)
        async throws(SignallingError) -> JanusReply
    {
        let transaction = nextTransaction()
        var payload: [String: Any] = ["janus": "message", "transaction": transaction, "body": body]
        if let jsep { payload["jsep"] = ["type": jsep.type, "sdp": jsep.sdp] }
        await router.expect(transaction, from: handle)
        let reply: JanusReply
        do {
            reply = try await Self.post(client, path: "/\(id)/\(handle)", body: payload, step: step)
        } catch {
            await router.forget(transaction)
            throw error
        }
        switch reply.janus {
        case "ack":
            return try await router.wait(transaction, timeout: client.timeout, step: step).get().checked(step: step)
        case "success", "error":
            await router.forget(transaction)
            return try reply.checked(step: step)
        default:
            await router.forget(transaction)
            throw .malformed(step: step, reason: "unexpected reply \"\(reply.janus)\"")
        }
    }

    /// Stops the keep-alives, destroys the session, ends the long poll and every wait.
    func close() async {
        keepAlive.cancel()
        let body: [String: Any] = ["janus": "destroy", "transaction": nextTransaction()]
        _ = try? await Self.post(client, path: "/\(id)", body: body, step: "destroy Janus session")
        poll.cancel()
        await router.lose(.unreachable("the Janus session was closed"))
        _ = await poll.value
        _ = await keepAlive.value
    }

    private func nextTransaction() -> String {
        "sbl-\(transactions.add(1, ordering: .relaxed).newValue)"
    }

    /// POSTs a JSON request and decodes Janus's reply (an HTTP error status is `refused`).
    private static func post(_ client: HTTPClient, path: String, body: [String: Any], step: String)
        async throws(SignallingError) -> JanusReply
    {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: body)
        } catch {
            throw .malformed(step: step, reason: "cannot encode the request: \(error)")
        }
        let headers = [(name: "Content-Type", value: "application/json")]
        let request = HTTPRequest(method: "POST", path: path, headers: headers, body: Array(data))
        let response = try await client.send(request, step: step)
        guard response.isSuccess else {
            throw .refused(step: step, status: response.status, message: SwitchboardErrorBody.excerpt(response.text))
        }
        return try JanusReply.decode(response.body, step: step)
    }

    private static func runLongPoll(client: HTTPClient, session: UInt64, router: JanusEventRouter) async {
        let step = "Janus long poll"
        let request = HTTPRequest(method: "GET", path: "/\(session)?maxev=\(maximumEventsPerPoll)")
        while !Task.isCancelled {
            do {
                let response = try await client.send(request, step: step, timeout: pollTimeout)
                for reply in try JanusReply.decodeList(response.body, step: step) {
                    if reply.janus == "error", reply.transaction == nil || reply.errorCode == 458 {
                        // 458: no such session (it timed out or was destroyed).
                        await router.lose(.refused(step: step, status: reply.errorCode ?? 0, message: reply.errorReason ?? "session lost"))
                        return
                    }
                    await router.deliver(reply)
                }
            } catch {
                // A broken poll loses no event (Janus queues them for the next one): retry.
                guard !Task.isCancelled else { return }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private static func runKeepAlive(client: HTTPClient, session: UInt64) async {
        var count = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: keepAliveInterval)
            guard !Task.isCancelled else { return }
            count += 1
            let body: [String: Any] = ["janus": "keepalive", "transaction": "keepalive-\(count)"]
            _ = try? await post(client, path: "/\(session)", body: body, step: "Janus keep-alive")
        }
    }
}
