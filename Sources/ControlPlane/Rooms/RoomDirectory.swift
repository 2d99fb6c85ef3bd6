import MediaContract
/// The rooms and participants of this server, their permissions, and their life cycle.
///
/// Invariants: at most `settings.maxRooms` rooms are open; a room has at most its
/// `maxParticipants` participants; a room with no participant (from its creation, or since its
/// last participant left) closes `emptyTimeoutSeconds` later on `clock` unless someone joins or
/// it is deleted first. State changes happen before the media engine is told, so a reentrant
/// call never sees a half-removed room; an id whose room or participant is still being closed by
/// the engine cannot be reused until the engine is done (409).
///
/// Events: every change that the room's event streams report is published to ``events`` in the
/// same synchronous step as the change itself, so streams see changes in the order they happened
/// and a stream's `room` snapshot is followed by exactly the later changes. A participant that
/// lost every transport on its own (``ParticipantLifecycle``) is removed, as `DELETE` removes it,
/// when it has not reconnected `disconnectGraceSeconds` later on `clock`. While its ``drain``
/// switch is on (the server is shutting down), new rooms, participants, offers and event
/// streams are refused (503 `shutting_down`).
public actor RoomDirectory {
    /// Limits and defaults from the configuration.
    public struct Settings: Hashable, Sendable {
        public var maxRooms: Int
        public var defaultMaxParticipants: Int
        public var defaultEmptyTimeoutSeconds: Int
        /// How long a participant that lost its connection may take to reconnect before it is
        /// removed (`rooms.disconnectGraceSeconds`).
        public var disconnectGraceSeconds: Int

        public init(maxRooms: Int, defaultMaxParticipants: Int, defaultEmptyTimeoutSeconds: Int, disconnectGraceSeconds: Int = 20) {
            self.maxRooms = maxRooms
            self.defaultMaxParticipants = defaultMaxParticipants
            self.defaultEmptyTimeoutSeconds = defaultEmptyTimeoutSeconds
            self.disconnectGraceSeconds = disconnectGraceSeconds
        }
    }

    private struct ParticipantKey: Hashable {
        let room: String
        let participant: String
    }

    /// A participant's disconnect grace: `id` names the one timer allowed to remove it.
    private struct GraceTimer {
        let id: UInt64
        let task: Task<Void, Never>
    }

    /// Where the rooms' events go; other components (tracks, subscriptions) publish theirs here
    /// too, from inside their own directory calls so that the order rule above holds for them.
    public nonisolated let events: RoomEventHub
    /// On once the server is shutting down (see ``DrainSwitch``).
    public nonisolated let drain: DrainSwitch

    private let settings: Settings
    private let mediaEngine: (any MediaEngine)?
    private let clock: any Clock<Duration>
    var records: [String: RoomRecord] = [:]
    private var closingRooms: Set<String> = []
    private var leavingParticipants: Set<ParticipantKey> = []
    private var nextSequence: UInt64 = 0
    private var lifecycle = ParticipantLifecycle()
    private var graceTimers: [ParticipantKey: GraceTimer] = [:]

    /// - Parameters:
    ///   - mediaEngine: told to close transports when participants leave and rooms close; nil
    ///     when the server runs without media. The directory becomes the receiver of its
    ///     transport state changes (``MediaEngine/onTransportStateChange(_:)``).
    ///   - clock: the clock of the empty-room timeout and of the disconnect grace.
    ///   - events: where room events are published.
    ///   - drain: the switch that makes the directory refuse new work at shutdown.
    public init(
        settings: Settings, mediaEngine: (any MediaEngine)?, clock: any Clock<Duration>, events: RoomEventHub = RoomEventHub(),
        drain: DrainSwitch = DrainSwitch()
    ) {
        self.settings = settings
        self.mediaEngine = mediaEngine
        self.clock = clock
        self.events = events
        self.drain = drain
        let relay = TransportStateRelay { [weak self] change in
            await self?.transportStateChanged(change)
        }
        mediaEngine?.onTransportStateChange { change in relay.submit(change) }
    }

    // MARK: Rooms

    public func createRoom(_ creation: RoomCreation) throws(RoomDirectoryError) -> Room {
        try refuseWhileDraining()
        if let id = creation.id, records[id] != nil || closingRooms.contains(id) {
            throw .roomExists(id)
        }
        guard records.count + closingRooms.count < settings.maxRooms else {
            throw .roomLimitReached(settings.maxRooms)
        }
        let id = creation.id ?? unusedID { records[$0] == nil && !closingRooms.contains($0) }
        records[id] = RoomRecord(
            id: id, createdAt: UnixTime.milliseconds(),
            maxParticipants: creation.maxParticipants ?? settings.defaultMaxParticipants,
            emptyTimeoutSeconds: creation.emptyTimeoutSeconds ?? settings.defaultEmptyTimeoutSeconds,
            metadata: creation.metadata ?? [:], sequence: takeSequence())
        startEmptyTimer(room: id)
        return records[id]!.resource(media: [:])
    }

    /// Every open room, oldest first.
    public func rooms() async -> [Room] {
        var rooms: [Room] = []
        for room in records.values.sorted(by: { $0.sequence < $1.sequence }) {
            rooms.append(room.resource(media: await mediaReports(of: room)))
        }
        return rooms
    }

    public func room(_ id: String) async throws(RoomDirectoryError) -> Room {
        let room = try record(id)
        return room.resource(media: await mediaReports(of: room))
    }

    /// Removes the room and its participants, then has the media engine close its transports.
    public func deleteRoom(_ id: String) async throws(RoomDirectoryError) {
        _ = try record(id)
        await close(room: id)
    }

    // MARK: Participants

    /// Adds a participant whose token will carry `tokenID` as its `jti`.
    public func addParticipant(
        _ creation: ParticipantCreation, tokenID: String, to roomID: String
    ) throws(RoomDirectoryError) -> Participant {
        try refuseWhileDraining()
        var room = try record(roomID)
        if let id = creation.id,
            room.participants[id] != nil || leavingParticipants.contains(ParticipantKey(room: roomID, participant: id))
        {
            throw .participantExists(room: roomID, participant: id)
        }
        guard room.participants.count < room.maxParticipants else {
            throw .roomFull(room: roomID, maxParticipants: room.maxParticipants)
        }
        let id = creation.id ?? unusedID { candidate in
            room.participants[candidate] == nil
                && !leavingParticipants.contains(ParticipantKey(room: roomID, participant: candidate))
        }
        let participant = ParticipantRecord(
            id: id, name: creation.name ?? id, joinedAt: UnixTime.milliseconds(),
            permissions: creation.permissions ?? .all, metadata: creation.metadata ?? [:], tokenID: tokenID,
            sequence: takeSequence())
        room.participants[id] = participant
        room.emptyTimer?.cancel()
        room.emptyTimer = nil
        records[roomID] = room
        let resource = participant.resource(media: .none)
        events.publish(.participantJoined(resource), room: roomID, audience: .everyoneExcept(id))
        return resource
    }

    /// The participant, with its state and data channels from what the media engine reports.
    public func participant(_ id: String, in roomID: String) async throws(RoomDirectoryError) -> Participant {
        let participant = try participantRecord(id, in: roomID)
        let media = await mediaEngine?.report(room: roomID, participant: id) ?? .none
        return participant.resource(media: media)
    }

    /// The participant's permissions (no media engine call).
    public func permissions(of id: String, in roomID: String) throws(RoomDirectoryError) -> Permissions {
        try participantRecord(id, in: roomID).permissions
    }

    /// Removes the participant, then has the media engine close its transports; the room's
    /// empty timeout starts when it was the last one.
    public func removeParticipant(_ id: String, from roomID: String) async throws(RoomDirectoryError) {
        _ = try participantRecord(id, in: roomID)
        await removeParticipantRecord(id, from: roomID)
    }

    /// A new event stream of the participant: its `room` event is the room as `GET` shows it
    /// now, and every later event for the participant follows.
    public func eventStream(of id: String, in roomID: String) async throws(RoomDirectoryError) -> EventStream {
        try refuseWhileDraining()
        let room = try record(roomID)
        _ = try participantRecord(id, in: roomID)
        let media = await mediaReports(of: room)
        // The snapshot is the room as it is after the engine answered, taken in the same step as
        // the subscription, so no change falls between the two (a participant that joined
        // meanwhile shows as `new`).
        let current = try record(roomID)
        _ = try participantRecord(id, in: roomID)
        return events.subscribe(room: roomID, participant: id, initial: current.resource(media: media))
    }

    /// Whether a token with `tokenID` was issued to the participant that now has this id in
    /// this room (false once it left, or the room closed).
    public func isCurrentToken(_ tokenID: String, participant: String, room: String) -> Bool {
        records[room]?.participants[participant]?.tokenID == tokenID
    }

    // MARK: Publish transport

    /// Marks a publish negotiation as started and tells whether the participant already has a
    /// publish transport (a renegotiation). One negotiation at a time per participant.
    public func beginPublishNegotiation(participant id: String, room roomID: String) throws(RoomDirectoryError) -> Bool {
        try refuseWhileDraining()
        let participant = try participantRecord(id, in: roomID)
        guard !participant.publishNegotiating else { throw .negotiationInProgress(room: roomID, participant: id) }
        records[roomID]?.participants[id]?.publishNegotiating = true
        return participant.publishTransportOpen
    }

    /// Ends the negotiation that ``beginPublishNegotiation(participant:room:)`` started: with the
    /// publisher's ICE ufrag when its answer was applied, nil when it failed. Throws when the
    /// participant left meanwhile.
    public func endPublishNegotiation(
        participant id: String, room roomID: String, remoteICEUfrag: String?
    ) throws(RoomDirectoryError) {
        guard records[roomID]?.participants[id] != nil else {
            throw .participantNotFound(room: roomID, participant: id)
        }
        records[roomID]?.participants[id]?.publishNegotiating = false
        if let remoteICEUfrag {
            records[roomID]?.participants[id]?.publishTransportOpen = true
            records[roomID]?.participants[id]?.remoteICEUfrag = remoteICEUfrag
        }
    }

    /// The publisher's ICE ufrag of the participant's open publish transport.
    public func publishTransportUfrag(participant id: String, room roomID: String) throws(RoomDirectoryError) -> String {
        let participant = try participantRecord(id, in: roomID)
        guard participant.publishTransportOpen, let ufrag = participant.remoteICEUfrag else {
            throw .publishTransportNotFound(room: roomID, participant: id)
        }
        return ufrag
    }

    /// Forgets the participant's publish transport (the caller closes it in the media engine).
    public func closePublishTransport(participant id: String, room roomID: String) throws(RoomDirectoryError) {
        let participant = try participantRecord(id, in: roomID)
        guard participant.publishTransportOpen else { throw .publishTransportNotFound(room: roomID, participant: id) }
        guard !participant.publishNegotiating else { throw .negotiationInProgress(room: roomID, participant: id) }
        records[roomID]?.participants[id]?.publishTransportOpen = false
        records[roomID]?.participants[id]?.remoteICEUfrag = nil
    }

    // MARK: Private

    /// The one way a participant goes (`DELETE`, the disconnect grace, a failed creation): its
    /// record and grace go, the others get `participant-left`, its own streams end, the room's
    /// empty timeout starts when it was the last one; then the media engine closes its
    /// transports, and its id stays taken until that is done. The participant must exist.
    private func removeParticipantRecord(_ id: String, from roomID: String) async {
        let key = ParticipantKey(room: roomID, participant: id)
        setPublishedTracks([], participant: id, room: roomID)
        records[roomID]?.participants[id] = nil
        graceTimers.removeValue(forKey: key)?.task.cancel()
        lifecycle.forget(room: roomID, participant: id)
        events.publish(.participantLeft(participant: id), room: roomID, audience: .everyoneExcept(id))
        events.closeParticipant(room: roomID, participant: id)
        if records[roomID]?.participants.isEmpty == true {
            startEmptyTimer(room: roomID)
        }
        leavingParticipants.insert(key)
        await mediaEngine?.closeTransports(room: roomID, participant: id)
        leavingParticipants.remove(key)
    }

    /// A change the media engine reported, in its order: `connection-state` to the participant,
    /// and its disconnect grace starts or ends. Changes of participants that are gone are ignored.
    private func transportStateChanged(_ change: TransportStateChange) {
        guard records[change.room]?.participants[change.participant] != nil else { return }
        events.publish(
            .connectionState(transport: change.role, state: change.state), room: change.room,
            audience: .participant(change.participant))
        let key = ParticipantKey(room: change.room, participant: change.participant)
        switch lifecycle.record(change) {
        case .unchanged:
            break
        case .lost:
            startGraceTimer(for: key)
        case .regained:
            graceTimers.removeValue(forKey: key)?.task.cancel()
        }
    }

    /// Starts the participant's disconnect grace; the timer removes it only if it is still the
    /// participant's current timer then and the participant is still lost.
    private func startGraceTimer(for key: ParticipantKey) {
        graceTimers[key]?.task.cancel()
        let timerID = takeSequence()
        let sleep = EmptyRoomTimer.sleep(on: clock, after: .seconds(settings.disconnectGraceSeconds))
        let task = Task {
            do {
                try await sleep()
            } catch {
                return
            }
            await self.removeIfStillLost(key, timerID: timerID)
        }
        graceTimers[key] = GraceTimer(id: timerID, task: task)
    }

    private func removeIfStillLost(_ key: ParticipantKey, timerID: UInt64) async {
        guard graceTimers[key]?.id == timerID, lifecycle.isLost(room: key.room, participant: key.participant),
            records[key.room]?.participants[key.participant] != nil
        else { return }
        graceTimers[key] = nil
        await removeParticipantRecord(key.participant, from: key.room)
    }

    /// What the media engine reports of each participant of `room`.
    private func mediaReports(of room: RoomRecord) async -> [String: ParticipantMediaReport] {
        guard let mediaEngine else { return [:] }
        var reports: [String: ParticipantMediaReport] = [:]
        for id in room.participants.keys {
            reports[id] = await mediaEngine.report(room: room.id, participant: id)
        }
        return reports
    }

    func record(_ id: String) throws(RoomDirectoryError) -> RoomRecord {
        guard let room = records[id] else { throw .roomNotFound(id) }
        return room
    }

    func participantRecord(_ id: String, in roomID: String) throws(RoomDirectoryError) -> ParticipantRecord {
        guard let participant = try record(roomID).participants[id] else {
            throw .participantNotFound(room: roomID, participant: id)
        }
        return participant
    }

    private func close(room id: String) async {
        records[id]?.emptyTimer?.cancel()
        records[id] = nil
        for key in graceTimers.keys where key.room == id {
            graceTimers.removeValue(forKey: key)?.task.cancel()
        }
        lifecycle.forget(room: id)
        events.closeRoom(id)
        closingRooms.insert(id)
        await mediaEngine?.closeRoom(id)
        closingRooms.remove(id)
    }

    /// Starts the room's empty timeout; the timer closes the room only if it is still the
    /// room's current timer then (a join cancels it, a later start replaces it).
    private func startEmptyTimer(room id: String) {
        guard var room = records[id] else { return }
        room.emptyTimer?.cancel()
        let timerID = takeSequence()
        let sleep = EmptyRoomTimer.sleep(on: clock, after: .seconds(room.emptyTimeoutSeconds))
        room.emptyTimerID = timerID
        room.emptyTimer = Task {
            do {
                try await sleep()
            } catch {
                return
            }
            await self.closeIfStillEmpty(room: id, timerID: timerID)
        }
        records[id] = room
    }

    private func closeIfStillEmpty(room id: String, timerID: UInt64) async {
        guard let room = records[id], room.emptyTimerID == timerID, room.participants.isEmpty else { return }
        records[id]?.emptyTimer = nil
        await close(room: id)
    }

    private func takeSequence() -> UInt64 {
        nextSequence &+= 1
        return nextSequence
    }

    private func unusedID(where isUnused: (String) -> Bool) -> String {
        while true {
            let id = Identifier.random()
            if isUnused(id) { return id }
        }
    }
}
