import Foundation
public import LoadModel

/// Switchboard's REST API (docs: API.md) as a `ConferenceBackend`, every call with the operator
/// key: rooms and participants are made as a conference backend would make them, the publish
/// transport by `POST …/publish` (SDP offer in, answer out), the subscribe transport by
/// `POST …/subscribe` (the server's offer) and `PUT …/subscribe` (the peer's answer).
///
/// Invariants: each call is one HTTP request bounded by `requestTimeout`; an error status
/// becomes `SignallingError.refused` with the server's JSON error code and message; SDP goes in
/// and out exactly as written.
public struct SwitchboardBackend: ConferenceBackend {
    /// A room the run created: its server-made id.
    public struct Room: Sendable, Hashable {
        public let id: String
    }

    /// A participant the run added: its room, its server-made id and the run's name for it.
    public struct Participant: Sendable, Hashable {
        public let room: String
        public let id: String
        public let name: String
    }

    public var serverKind: String { "switchboard" }

    private let client: HTTPClient
    private let apiKey: String

    public init(url: String, apiKey: String, requestTimeout: Duration = .seconds(10)) throws(SignallingError) {
        client = HTTPClient(endpoint: try HTTPEndpoint(url: url), timeout: requestTimeout)
        self.apiKey = apiKey
    }

    public func createRoom(index: Int, participants: Int) async throws(SignallingError) -> Room {
        let step = "create room \(index)"
        let created = try await json("POST", "/v1/rooms", body: ["maxParticipants": max(participants, 1)], step: step)
        guard let id = created["id"] as? String else { throw .malformed(step: step, reason: "the room has no \"id\"") }
        return Room(id: id)
    }

    public func join(_ room: Room, name: String, publishes: Bool, subscribes: Bool, data: Bool)
        async throws(SignallingError) -> Participant
    {
        let step = "join \(name)"
        let body: [String: Any] = [
            "name": name, "permissions": ["publish": publishes, "subscribe": subscribes, "data": data],
        ]
        let created = try await json("POST", "/v1/rooms/\(room.id)/participants", body: body, step: step)
        guard let id = created["id"] as? String else { throw .malformed(step: step, reason: "the participant has no \"id\"") }
        return Participant(room: room.id, id: id, name: name)
    }

    public func publish(_ participant: Participant, offer: String) async throws(SignallingError) -> String {
        let step = "publish \(participant.name)"
        let response = try await send("POST", path(participant, "publish"), sdp: offer, step: step)
        return try sdpBody(of: response, step: step)
    }

    public func subscribe(_ participant: Participant, to publishers: [Participant]) async throws(SignallingError) -> String {
        // The default subscription (every track in the room but the participant's own) is what
        // the run wants, whoever the publishers are.
        let step = "subscribe \(participant.name)"
        let response = try await send("POST", path(participant, "subscribe"), json: [:], step: step)
        return try sdpBody(of: response, step: step)
    }

    public func acceptSubscription(_ participant: Participant, answer: String) async throws(SignallingError) {
        _ = try await send("PUT", path(participant, "subscribe"), sdp: answer, step: "subscribe answer of \(participant.name)")
    }

    public func leave(_ participant: Participant) async {
        _ = try? await send("DELETE", "/v1/rooms/\(participant.room)/participants/\(participant.id)", step: "leave")
    }

    public func destroy(_ room: Room) async {
        _ = try? await send("DELETE", "/v1/rooms/\(room.id)", step: "destroy room")
    }

    public func close() async {}

    private func path(_ participant: Participant, _ leaf: String) -> String {
        "/v1/rooms/\(participant.room)/participants/\(participant.id)/\(leaf)"
    }

    /// Sends a JSON body and returns the JSON object answered.
    private func json(_ method: String, _ path: String, body: [String: Any], step: String) async throws(SignallingError) -> [String: Any] {
        let response = try await send(method, path, json: body, step: step)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw .malformed(step: step, reason: "expected a JSON object, got \(SwitchboardErrorBody.excerpt(response.text))")
        }
        return object
    }

    private func send(_ method: String, _ path: String, json body: [String: Any], step: String)
        async throws(SignallingError) -> HTTPResponse
    {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: body)
        } catch {
            throw .malformed(step: step, reason: "cannot encode the request: \(error)")
        }
        return try await send(method, path, body: Array(data), contentType: "application/json", step: step)
    }

    private func send(_ method: String, _ path: String, sdp: String, step: String) async throws(SignallingError) -> HTTPResponse {
        try await send(method, path, body: Array(sdp.utf8), contentType: "application/sdp", step: step)
    }

    /// One request with the operator key; a status outside 2xx throws `refused`.
    private func send(_ method: String, _ path: String, body: [UInt8] = [], contentType: String? = nil, step: String)
        async throws(SignallingError) -> HTTPResponse
    {
        var headers = [(name: "Authorization", value: "Bearer \(apiKey)")]
        if let contentType { headers.append((name: "Content-Type", value: contentType)) }
        let response = try await client.send(HTTPRequest(method: method, path: path, headers: headers, body: body), step: step)
        guard response.isSuccess else {
            throw .refused(step: step, status: response.status, message: SwitchboardErrorBody.message(of: response.text))
        }
        return response
    }

    private func sdpBody(of response: HTTPResponse, step: String) throws(SignallingError) -> String {
        let text = response.text
        guard text.hasPrefix("v=0") else {
            throw .malformed(step: step, reason: "expected an SDP body, got \(SwitchboardErrorBody.excerpt(text))")
        }
        return text
    }
}

/// Switchboard's error body, `{"error": {"code": "…", "message": "…"}}`, as one line of text.
enum SwitchboardErrorBody {
    /// "code: message" from an error body, or an excerpt of whatever else the server sent.
    static func message(of text: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let error = object["error"] as? [String: Any]
        else { return excerpt(text) }
        let code = error["code"] as? String
        let message = error["message"] as? String
        switch (code, message) {
        case (let code?, let message?): return "\(code): \(message)"
        case (nil, let message?): return message
        case (let code?, nil): return code
        case (nil, nil): return excerpt(text)
        }
    }

    /// At most 200 characters of `text`, quoted ("empty body" when empty).
    static func excerpt(_ text: String) -> String {
        guard !text.isEmpty else { return "an empty body" }
        return "\"" + (text.count > 200 ? String(text.prefix(200)) + "…" : text) + "\""
    }
}
