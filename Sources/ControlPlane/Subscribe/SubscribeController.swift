public import Hummingbird
import SDP

/// `POST`, `PUT` and `PATCH /v1/rooms/{room}/participants/{participant}/subscribe`: the
/// participant's subscribe transport, where the server offers and the participant answers.
///
/// Every call takes that participant's token or an operator key, and the participant must have
/// the `subscribe` permission (403). Checks run in the API's order: credentials (401/403), the
/// participant (404), the media engine (503 `media_unavailable`), then the body (415, 413, 400)
/// and the negotiation's state (404, 409, 422).
///
/// Versions: each offer answers with `ETag: "<version>"`; a `PUT` may name it in `If-Match`, and
/// one that names an earlier offer gets 409 `offer_superseded` (without `If-Match`, an answer whose
/// sections do not match the latest offer gets the same).
public struct SubscribeController: Sendable {
    public let access: ParticipantMediaAccess
    public let bodies: BodyReader

    public init(access: ParticipantMediaAccess, bodies: BodyReader) {
        self.access = access
        self.bodies = bodies
    }

    private var directory: RoomDirectory { access.directory }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path: RouterPath = "/v1/rooms/{room}/participants/{participant}/subscribe"
        router.post(path) { request, context in
            try await offer(request, ParticipantMediaAccess.target(context))
        }
        router.put(path) { request, context in
            try await answer(request, ParticipantMediaAccess.target(context))
        }
        router.patch(path) { request, context in
            try await update(request, ParticipantMediaAccess.target(context))
        }
        router.rejectOtherMethods(on: path, allowing: [.post, .put, .patch])
    }


    /// Writes the server's offer: 201 for the first, 200 for a renegotiation.
    func offer(_ request: Request, _ target: (room: String, participant: String)) async throws -> Response {
        let engine = try await access.authorize(request, target, needing: .subscribe).engine
        let body = try await bodies.json(SubscribeRequest.self, from: request)
        let isRenegotiation = try await directory.beginSubscribe(participant: target.participant, room: target.room, tracks: body.tracks)
        let offer: (offer: SessionDescription, version: UInt64)
        do {
            let local = try await engine.openSubscribeTransport(room: target.room, participant: target.participant)
            offer = try await directory.makeSubscribeOffer(
                participant: target.participant, room: target.room, tracks: body.tracks, local: local)
        } catch {
            await directory.endSubscribeNegotiation(participant: target.participant, room: target.room)
            throw error
        }
        var headers: HTTPFields = [.contentType: MediaType.sdp.description, .eTag: "\"\(offer.version)\""]
        if !isRenegotiation {
            headers[.location] = "/v1/rooms/\(target.room)/participants/\(target.participant)/subscribe"
        }
        return Response(
            status: isRenegotiation ? .ok : .created, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: SDPWriter.write(offer.offer))))
    }

    /// Takes the answer to the latest offer: 204.
    func answer(_ request: Request, _ target: (room: String, participant: String)) async throws -> HTTPResponse.Status {
        let engine = try await access.authorize(request, target, needing: .subscribe).engine
        let text = try await bodies.text(of: request, as: .sdp)
        let answer: SessionDescription
        switch SDPParser.parse(text) {
        case .success(let parsed): answer = parsed
        case .failure(let error): throw SubscribeError.invalidSDP(error)
        }
        let subscription = try await directory.takeSubscribeAnswer(
            answer, version: try Self.version(request), participant: target.participant, room: target.room)
        try await engine.applySubscription(room: target.room, participant: target.participant, subscription: subscription)
        return .noContent
    }

    /// Pauses or resumes a received track: 204.
    func update(_ request: Request, _ target: (room: String, participant: String)) async throws -> HTTPResponse.Status {
        let engine = try await access.authorize(request, target, needing: .subscribe).engine
        let body = try await bodies.json(SubscribedTrackUpdate.self, from: request)
        guard let paused = body.paused else {
            // A layer choice alone changes nothing until simulcast is forwarded; the track must exist.
            guard body.maxLayer != nil else { throw SubscribeError.nothingToChange }
            try await directory.currentSubscribedTrack(body.track, participant: target.participant, room: target.room)
            return .noContent
        }
        let subscription = try await directory.setSubscribedTrackPaused(
            paused, track: body.track, participant: target.participant, room: target.room)
        try await engine.applySubscription(room: target.room, participant: target.participant, subscription: subscription)
        return .noContent
    }

    /// The offer version an `If-Match: "<n>"` header names, nil without one or for `*`; 409
    /// for another shape (it cannot name the latest offer).
    private static func version(_ request: Request) throws -> UInt64? {
        guard let header = request.headers[.ifMatch] else { return nil }
        let trimmed = header.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        if String(trimmed) == "*" { return nil }  // RFC 9110 §13.1.1: any current version.
        guard trimmed.count > 2, trimmed.first == "\"", trimmed.last == "\"",
              let version = UInt64(String(trimmed.dropFirst().dropLast()))
        else { throw SubscribeError.offerSuperseded("If-Match \(RequestError.shortened(header)) names no offer") }
        return version
    }

}

/// The body of `POST …/subscribe`: `{}` or `{"tracks": ["trackId", …]}`.
///
/// Invariant once decoded: `tracks`, when set, are valid identifiers (400 otherwise).
struct SubscribeRequest: Decodable, Sendable {
    var tracks: [String]?

    private enum CodingKeys: String, CodingKey { case tracks }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tracks = try container.decodeIfPresent([String].self, forKey: .tracks)
        if let invalid = tracks?.first(where: { !Identifier.isValid($0) }) {
            throw RequestError.invalidIdentifier(field: "tracks", value: invalid)
        }
    }
}

/// The body of `PATCH …/subscribe`: `{"track": id, "maxLayer"?: "h|m|l", "paused"?: bool}`.
///
/// Invariant once decoded: `track` is a valid identifier; `maxLayer` is one of h, m, l.
struct SubscribedTrackUpdate: Decodable, Sendable {
    var track: String
    var maxLayer: String?
    var paused: Bool?

    private enum CodingKeys: String, CodingKey { case track, maxLayer, paused }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let track = try container.decodeIdentifierIfPresent(forKey: .track) else {
            throw RequestError.invalidField(field: "track", problem: "is required (a track id)")
        }
        self.track = track
        maxLayer = try container.decodeIfPresent(String.self, forKey: .maxLayer)
        if let maxLayer, !["h", "m", "l"].contains(maxLayer) {
            throw RequestError.invalidField(field: "maxLayer", problem: "must be \"h\", \"m\" or \"l\"")
        }
        paused = try container.decodeIfPresent(Bool.self, forKey: .paused)
    }
}
