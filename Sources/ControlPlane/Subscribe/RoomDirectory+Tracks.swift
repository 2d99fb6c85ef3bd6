import MediaContract
import RTCWire
import SDP

// Published tracks and subscribe negotiations: what each participant publishes, which of the
// room's tracks each one receives, and the events that tell the others (`track-published`,
// `track-unpublished`, `renegotiate`), published in the same actor step as the change.
extension RoomDirectory {
    // MARK: Tracks

    /// Makes the participant's tracks those of `media` (its publish transport's accepted audio
    /// and video sections, in order; empty when it stopped publishing or leaves). A track keeps
    /// its id while its section (mid) stays; the others hear of new and ended tracks, and
    /// subscribers whose subscription changes get `renegotiate`.
    func setPublishedTracks(_ media: [AcceptedMedia], participant id: String, room roomID: String) {
        guard let participant = records[roomID]?.participants[id] else { return }
        let previous = participant.publishedTracks
        var tracks: [PublishedTrack] = []
        for section in media where section.isReceiving && (section.kind == .audio || section.kind == .video) {
            let trackID = previous.first { $0.media.mid == section.mid }?.track.id ?? newTrackID(participant: id, mid: section.mid, room: roomID)
            let codec = section.codecs.first { $0.role == .media }.map { $0.mimeType(kind: section.kind) } ?? "\(section.kind)/unknown"
            let simulcast = section.rids.isEmpty ? nil : section.rids.map { $0.rid.description }
            tracks.append(PublishedTrack(
                track: Track(id: trackID, kind: "\(section.kind)", mid: section.mid.value, codec: codec, simulcast: simulcast),
                media: section))
        }
        records[roomID]?.participants[id]?.publishedTracks = tracks
        let ended = previous.filter { old in !tracks.contains { $0.track.id == old.track.id } }.map(\.track.id)
        let added = tracks.filter { new in !previous.contains { $0.track.id == new.track.id } }
        for trackID in ended {
            events.publish(.trackUnpublished(participant: id, track: trackID), room: roomID, audience: .everyoneExcept(id))
        }
        for track in added {
            events.publish(.trackPublished(participant: id, track: track.track), room: roomID, audience: .everyoneExcept(id))
        }
        let changed = tracks.map(\.media) != previous.map(\.media)
        guard changed, let room = records[roomID] else { return }
        for other in room.participants.values where other.id != id && other.permissions.allows(.subscribe) {
            let session = other.subscribe
            let follows = session?.followsRoom ?? true
            let lostNamed = session?.requestedTracks.map { requested in ended.contains { requested.contains($0) } } ?? false
            if follows || lostNamed {
                events.publish(.renegotiate(.tracksChanged), room: roomID, audience: .participant(other.id))
            }
        }
    }

    /// A fresh track id for the participant's section `mid`: `<participant>-<mid>` when that is a
    /// valid identifier not used in the room, else a random one.
    private func newTrackID(participant: String, mid: Mid, room roomID: String) -> String {
        let used = Set(records[roomID]?.participants.values.flatMap { $0.publishedTracks.map(\.track.id) } ?? [])
        let readable = "\(participant)-\(mid.value)"
        if Identifier.isValid(readable), !used.contains(readable) { return readable }
        while true {
            let id = Identifier.random()
            if !used.contains(id) { return id }
        }
    }

    // MARK: Subscribe negotiation

    /// Starts a subscribe offer: checks that the server is not shutting down (503), the named
    /// tracks (404 unknown, 422 own), that no other offer of the participant is being made, and
    /// that a first offer has something to receive, a track or the data channels (409, before
    /// the caller opens a transport for it); returns whether the participant already has a
    /// subscribe session (a renegotiation).
    func beginSubscribe(participant id: String, room roomID: String, tracks requested: [String]?) throws -> Bool {
        try refuseWhileDraining()
        let participant = try participantRecord(id, in: roomID)
        guard !participant.subscribeNegotiating else { throw SubscribeError.negotiationInProgress }
        let room = try record(roomID)
        for trackID in requested ?? [] {
            guard let owner = room.participants.values.first(where: { $0.publishedTracks.contains { $0.track.id == trackID } }) else {
                throw SubscribeError.trackNotFound(trackID)
            }
            if owner.id == id { throw SubscribeError.ownTrack(trackID) }
        }
        if participant.subscribe == nil, !participant.permissions.allows(.data),
           receivableTracks(in: room, for: id, requested: requested).isEmpty
        {
            throw SubscribeError.nothingToSubscribe
        }
        records[roomID]?.participants[id]?.subscribeNegotiating = true
        return participant.subscribe != nil
    }

    /// Writes the participant's next subscribe offer for `local` (its subscribe transport's
    /// parameters): the room's tracks it asked for (every other participant's when `requested` is
    /// nil: the default subscription, now and later), bound to sections, and the data section
    /// when it has the `data` permission; returns the offer and its version. Ends the negotiation
    /// `beginSubscribe` started, whatever the outcome.
    func makeSubscribeOffer(
        participant id: String, room roomID: String, tracks requested: [String]?, local: LocalTransportParameters
    ) throws -> (offer: SessionDescription, version: UInt64) {
        defer { records[roomID]?.participants[id]?.subscribeNegotiating = false }
        let room = try record(roomID)
        let participant = try participantRecord(id, in: roomID)
        var session = participant.subscribe ?? SubscribeSession()
        session.requestedTracks = requested
        let receivable = receivableTracks(in: room, for: id, requested: requested)
        let offersData = participant.permissions.allows(.data)
        guard !receivable.isEmpty || !session.slots.isEmpty || offersData else { throw SubscribeError.nothingToSubscribe }
        let owners = Dictionary(receivable.map { ($0.track.track.id, $0.publisher) }, uniquingKeysWith: { first, _ in first })
        let offer = session.planOffer(
            available: receivable.map(\.track), publisherOf: { owners[$0] }, offersData: offersData, local: local)
        records[roomID]?.participants[id]?.subscribe = session
        return (offer, session.offerVersion)
    }

    /// The tracks of the room's other participants, in join order, that `requested` names (all of
    /// them when nil), each with its publisher.
    private func receivableTracks(
        in room: RoomRecord, for id: String, requested: [String]?
    ) -> [(track: PublishedTrack, publisher: String)] {
        room.participants.values.sorted { $0.sequence < $1.sequence }.filter { $0.id != id }.flatMap { other in
            other.publishedTracks.filter { requested?.contains($0.track.id) ?? true }.map { ($0, other.id) }
        }
    }

    /// Takes the participant's answer to its latest offer (`version`, when the client named one
    /// with `If-Match`); returns what the media engine applies.
    func takeSubscribeAnswer(
        _ answer: SessionDescription, version: UInt64?, participant id: String, room roomID: String
    ) throws -> Subscription {
        let participant = try participantRecord(id, in: roomID)
        guard var session = participant.subscribe, let pending = session.pending else { throw SubscribeError.noPendingOffer }
        if let version, version != pending.version {
            throw SubscribeError.offerSuperseded("If-Match names offer \(version), the latest is \(pending.version)")
        }
        guard answer.media.count == pending.description.media.count else {
            throw SubscribeError.offerSuperseded(
                "it has \(answer.media.count) m-sections, the latest offer \(pending.description.media.count)")
        }
        let read: SubscribeAnswer
        switch SubscribeAnswerReader.read(answer: answer, offer: pending.description) {
        case .success(let value): read = value
        case .failure(let error): throw SubscribeError.unusableAnswer(error)
        }
        let subscription = session.settle(read, of: pending)
        records[roomID]?.participants[id]?.subscribe = session
        return subscription
    }

    /// Pauses or resumes a track the participant receives; returns the subscription to apply.
    func setSubscribedTrackPaused(_ paused: Bool, track trackID: String, participant id: String, room roomID: String) throws -> Subscription {
        try currentSubscribedTrack(trackID, participant: id, room: roomID)
        guard var session = try participantRecord(id, in: roomID).subscribe, let subscription = session.setPaused(paused, track: trackID) else {
            throw SubscribeError.trackNotSubscribed(trackID)
        }
        records[roomID]?.participants[id]?.subscribe = session
        return subscription
    }

    /// Ends a subscribe negotiation that failed before its offer was made.
    func endSubscribeNegotiation(participant id: String, room roomID: String) {
        records[roomID]?.participants[id]?.subscribeNegotiating = false
    }

    /// Checks that the participant receives `trackID` (404 `track_not_found` when the room has no
    /// such track, `track_not_subscribed` when the participant does not receive it).
    func currentSubscribedTrack(_ trackID: String, participant id: String, room roomID: String) throws {
        let room = try record(roomID)
        let participant = try participantRecord(id, in: roomID)
        guard room.participants.values.contains(where: { $0.publishedTracks.contains { $0.track.id == trackID } }) else {
            throw SubscribeError.trackNotFound(trackID)
        }
        guard participant.subscribe?.receivedTrackIDs.contains(trackID) == true else { throw SubscribeError.trackNotSubscribed(trackID) }
    }

    /// The subscription the participant's last applied answer settled (with current pauses).
    func currentSubscription(participant id: String, room roomID: String) -> Subscription? {
        records[roomID]?.participants[id]?.subscribe?.currentSubscription()
    }
}
