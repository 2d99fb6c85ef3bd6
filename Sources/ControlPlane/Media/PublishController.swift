public import Hummingbird
import SDP

/// `POST`, `PATCH` and `DELETE /v1/rooms/{room}/participants/{participant}/publish`: the
/// participant's publish transport, through the ``MediaEngine``.
///
/// Every call takes that participant's token or an operator key, and the participant must have
/// the `publish` permission (403). Checks run in the API's order: credentials (401/403), the
/// participant (404), the media engine (503 `media_unavailable` when the server has none), then
/// the body (415, 413, 400) and the transport's state (404, 409, 422).
public struct PublishController: Sendable {
    public let access: ParticipantMediaAccess
    public let bodies: BodyReader

    public init(access: ParticipantMediaAccess, bodies: BodyReader) {
        self.access = access
        self.bodies = bodies
    }

    private var directory: RoomDirectory { access.directory }

    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path: RouterPath = "/v1/rooms/{room}/participants/{participant}/publish"
        router.post(path) { request, context in
            try await publish(request, ParticipantMediaAccess.target(context))
        }
        router.patch(path) { request, context in
            try await trickle(request, ParticipantMediaAccess.target(context))
        }
        router.delete(path) { request, context in
            try await unpublish(request, ParticipantMediaAccess.target(context))
        }
        router.rejectOtherMethods(on: path, allowing: [.post, .patch, .delete])
    }


    /// Answers an offer: 201 with the answer and `Location` for the first one, 200 for a
    /// renegotiation of the open transport. A data section is accepted only from a participant
    /// with the `data` permission (otherwise it is rejected, port 0, like any section the server
    /// cannot take). A first offer that fails closes the transport the engine opened for it; a
    /// failed renegotiation leaves the open transport as it was.
    func publish(_ request: Request, _ target: (room: String, participant: String)) async throws -> Response {
        let (engine, permissions) = try await access.authorize(request, target, needing: .publish)
        let text = try await bodies.text(of: request, as: .sdp)
        let offer: SessionDescription
        switch SDPParser.parse(text) {
        case .success(let parsed): offer = parsed
        case .failure(let error): throw PublishError.invalidSDP(error)
        }

        let isRenegotiation = try await directory.beginPublishNegotiation(participant: target.participant, room: target.room)
        let answer: PublishAnswer
        do {
            let local = try await engine.openPublishTransport(room: target.room, participant: target.participant)
            switch PublishAnswerer.answer(offer: offer, local: local, acceptsDataChannels: permissions.allows(.data)) {
            case .success(let answered): answer = answered
            case .failure(let error): throw PublishError.unusableOffer(error)
            }
            try await engine.applyPublishAnswer(room: target.room, participant: target.participant, answer: answer)
        } catch {
            try? await directory.endPublishNegotiation(participant: target.participant, room: target.room, remoteICEUfrag: nil)
            if !isRenegotiation {
                await engine.closePublishTransport(room: target.room, participant: target.participant)
            }
            throw error
        }
        do {
            try await directory.endPublishNegotiation(
                participant: target.participant, room: target.room, remoteICEUfrag: answer.remoteTransport.iceUfrag)
            await directory.setPublishedTracks(answer.media, participant: target.participant, room: target.room)
        } catch {
            // The participant left while the offer was answered: what the engine opened goes too.
            await engine.closeTransports(room: target.room, participant: target.participant)
            throw error
        }

        var headers: HTTPFields = [.contentType: MediaType.sdp.description]
        if !isRenegotiation {
            headers[.location] = "/v1/rooms/\(target.room)/participants/\(target.participant)/publish"
        }
        return Response(
            status: isRenegotiation ? .ok : .created, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.sdp)))
    }

    /// Takes trickled candidates (RFC 8840): 204. The server is ICE-lite, so it needs none of
    /// them (it learns the client's addresses from the client's checks); the fragment is checked
    /// and must not carry other ICE credentials than the negotiated ones.
    func trickle(_ request: Request, _ target: (room: String, participant: String)) async throws -> HTTPResponse.Status {
        _ = try await access.authorize(request, target, needing: .publish)
        let text = try await bodies.text(of: request, as: .trickleICEFragment)
        let fragment: TrickleFragment
        switch TrickleFragment.parse(text) {
        case .success(let parsed): fragment = parsed
        case .failure(let error): throw PublishError.invalidFragment(error)
        }
        let negotiatedUfrag = try await directory.publishTransportUfrag(participant: target.participant, room: target.room)
        if let ufrag = fragment.iceUfrag, ufrag != negotiatedUfrag {
            throw PublishError.iceRestartUnsupported
        }
        return .noContent
    }

    /// Closes the publish transport: 204; its tracks end.
    func unpublish(_ request: Request, _ target: (room: String, participant: String)) async throws -> HTTPResponse.Status {
        let engine = try await access.authorize(request, target, needing: .publish).engine
        try await directory.closePublishTransport(participant: target.participant, room: target.room)
        await directory.setPublishedTracks([], participant: target.participant, room: target.room)
        await engine.closePublishTransport(room: target.room, participant: target.participant)
        return .noContent
    }

}
