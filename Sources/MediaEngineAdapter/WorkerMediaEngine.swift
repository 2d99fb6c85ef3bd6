public import MediaContract
public import ControlPlane
public import MediaServer
public import SDP
import SFUCore

/// The control plane's `MediaEngine` and `MediaStatsProvider` over a `WorkerPool`: each call
/// becomes a command to the worker that owns the transport.
///
/// Invariant: holds no state of its own; the pool's directory is the only record of what is
/// open.
public struct WorkerMediaEngine: MediaEngine, MediaStatsProvider {
    public let pool: WorkerPool

    public init(pool: WorkerPool) {
        self.pool = pool
    }

    public func openPublishTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters {
        do {
            return try await pool.open(TransportKey(room: room, participant: participant, role: .publish))
        } catch {
            throw Self.engineError(error)
        }
    }

    public func applyPublishAnswer(room: String, participant: String, answer: PublishAnswer) async throws(MediaEngineError) {
        do {
            try await pool.apply(
                TransportKey(room: room, participant: participant, role: .publish), remote: answer.remoteTransport,
                media: PublishedMedia(answer: answer),
                dataChannel: answer.dataChannel.map {
                    DataChannelTransport(remotePort: $0.remoteSCTPPort, remoteMaxMessageSize: $0.remoteMaxMessageSize)
                })
        } catch {
            throw Self.engineError(error)
        }
    }

    public func openSubscribeTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters {
        do {
            return try await pool.open(TransportKey(room: room, participant: participant, role: .subscribe))
        } catch {
            throw Self.engineError(error)
        }
    }

    public func applySubscription(room: String, participant: String, subscription: Subscription) async throws(MediaEngineError) {
        do {
            try await pool.subscribe(TransportKey(room: room, participant: participant, role: .subscribe), subscription)
        } catch {
            throw Self.engineError(error)
        }
    }

    public func closePublishTransport(room: String, participant: String) async {
        pool.close(where: { $0 == TransportKey(room: room, participant: participant, role: .publish) }, forgettingHistory: false)
    }

    public func closeTransports(room: String, participant: String) async {
        pool.close(where: { $0.room == room && $0.participant == participant }, forgettingHistory: true)
    }

    public func closeRoom(_ room: String) async {
        pool.close(where: { $0.room == room }, forgettingHistory: true)
    }

    public func transportStates(room: String, participant: String) async -> [TransportRole: TransportConnectionState] {
        var states: [TransportRole: TransportConnectionState] = [:]
        for (role, keyRole) in [(TransportRole.publish, TransportKey.Role.publish), (.subscribe, .subscribe)] {
            states[role] = pool.state(of: TransportKey(room: room, participant: participant, role: keyRole))
        }
        return states
    }

    public func dataChannels(room: String, participant: String) async -> [DataChannelDescription] {
        await pool.dataChannels(of: TransportKey(room: room, participant: participant, role: .publish))
    }

    public func onTransportStateChange(_ handler: @escaping @Sendable (TransportStateChange) -> Void) {
        pool.onStateChange(handler)
    }

    /// Each transport's entries (``TransportStatsEntries``), then a `data-channel` entry per
    /// channel it carries.
    public func participantStats(room: String, participant: String, timestamp: Int64) async -> [JSONValue] {
        var entries: [JSONValue] = []
        for (role, keyRole) in [(TransportRole.publish, TransportKey.Role.publish), (.subscribe, .subscribe)] {
            let key = TransportKey(room: room, participant: participant, role: keyRole)
            if let report = await pool.report(key) {
                entries += TransportStatsEntries(key: key, snapshot: report.snapshot, localCandidates: report.localCandidates,
                                                 timestamp: timestamp, subscribedTracks: pool.subscribedTracks(of: key)).entries
            }
            entries += DataChannelStatsEntries.entries(await pool.dataChannelStatistics(of: key), role: role, timestamp: timestamp)
        }
        return entries
    }

    /// Each participant's ``participantStats(room:participant:timestamp:)``, asked of the
    /// workers for all of them at once.
    public func roomStats(room: String, participants: [String], timestamp: Int64) async -> [ParticipantStatsEntries] {
        await withTaskGroup(of: (Int, [JSONValue]).self) { group in
            for (index, participant) in participants.enumerated() {
                group.addTask { (index, await participantStats(room: room, participant: participant, timestamp: timestamp)) }
            }
            var entries = [[JSONValue]](repeating: [], count: participants.count)
            for await (index, participantEntries) in group { entries[index] = participantEntries }
            return zip(participants, entries).map { ParticipantStatsEntries(participant: $0, entries: $1) }
        }
    }

    private static func engineError(_ error: MediaServerError) -> MediaEngineError {
        switch error {
        case .atCapacity: .atCapacity(error.description)
        case .transportClosed: .transportClosed(error.description)
        case .transport(let failure): .unusable(failure.description)
        case .badAddress, .socket, .badCertificate, .certificateFiles, .unknownSRTPProfile, .workerUnavailable: .unavailable(error.description)
        }
    }
}
