import MediaContract
import ControlPlane
import SDP
import Synchronization

/// A test double of ``MediaEngine`` for the HTTP-layer tests of the control plane only: it
/// opens no socket and runs no ICE, DTLS, SRTP or SCTP. It hands out fixed, real-looking
/// transport parameters (the values the tests then look for in answers), keeps one publish
/// transport per participant as the protocol requires, and records every call so tests can check
/// what the control plane asked of the media side. Data channels are what the test says the
/// peer opened (``openDataChannels(_:room:participant:)``), reported while the publish transport
/// is open; as a ``MediaStatsProvider`` it reports the `data-channel` entries of the channel
/// statistics the test set.
actor PublishTestEngine: MediaEngine, MediaStatsProvider {
    /// The ICE ufrag of the `n`th transport opened (from 1).
    static func ufrag(_ n: Int) -> String { "SbTu\(n)" }
    static let icePwd = "Qp7rT2vXw9yZb4cD6eF8gH1j"
    static let fingerprintHex =
        "3A:91:0C:5E:77:D2:18:4B:A0:F3:69:2E:C5:88:1D:B7:54:0F:E6:9A:23:7C:D1:48:BE:05:6F:92:C3:1A:E7:60"
    static let candidateAddress = "127.0.0.1"
    static let candidatePort: UInt16 = 40001

    enum Call: Hashable {
        case open(room: String, participant: String)
        case apply(room: String, participant: String)
        case closePublish(room: String, participant: String)
        case closeTransports(room: String, participant: String)
        case closeRoom(String)
        case openSubscribe(room: String, participant: String)
        case applySubscription(room: String, participant: String)
    }

    private(set) var calls: [Call] = []
    private(set) var appliedAnswers: [PublishAnswer] = []
    private(set) var appliedSubscriptions: [Subscription] = []
    private var transports: [String: LocalTransportParameters] = [:]
    private var openedCount = 0
    /// When set, `openPublishTransport` fails with it.
    private var openFailure: MediaEngineError?
    /// What `transportStates` reports, by "room/participant" (nothing when absent).
    private var reportedStates: [String: [TransportRole: TransportConnectionState]] = [:]
    /// The channels the publisher's peer opened, by "room/participant".
    private var openChannels: [String: [DataChannelDescription]] = [:]
    /// What the stats report of each transport's channels, by "room/participant/role".
    private var channelStatistics: [String: [DataChannelStatistics]] = [:]

    /// The handler the control plane set, so tests can report transport state changes.
    private nonisolated let stateHandler = Mutex<(@Sendable (TransportStateChange) -> Void)?>(nil)

    nonisolated func onTransportStateChange(_ handler: @escaping @Sendable (TransportStateChange) -> Void) {
        stateHandler.withLock { $0 = handler }
    }

    /// Reports `change` to the control plane, as the real engine does from its workers.
    nonisolated func emit(_ change: TransportStateChange) {
        stateHandler.withLock { $0 }?(change)
    }

    func failOpening(with error: MediaEngineError?) {
        openFailure = error
    }

    /// Makes `transportStates` report `states` for the participant from now on.
    func report(_ states: [TransportRole: TransportConnectionState], room: String, participant: String) {
        reportedStates["\(room)/\(participant)"] = states
    }

    /// Has the participant's peer open `channels` on its publish transport (as a real peer's
    /// DCEP opens would); ignored while that transport is not open.
    func openDataChannels(_ channels: [DataChannelDescription], room: String, participant: String) {
        let key = "\(room)/\(participant)"
        guard transports[key] != nil else { return }
        openChannels[key, default: []] += channels
    }

    /// Makes the stats report `statistics` for the participant's transport `role`.
    func reportChannelStatistics(_ statistics: [DataChannelStatistics], role: TransportRole, room: String, participant: String) {
        channelStatistics["\(room)/\(participant)/\(role.rawValue)"] = statistics
    }

    func openPublishTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters {
        calls.append(.open(room: room, participant: participant))
        return try openTransport(key: "\(room)/\(participant)")
    }

    func openSubscribeTransport(room: String, participant: String) async throws(MediaEngineError) -> LocalTransportParameters {
        calls.append(.openSubscribe(room: room, participant: participant))
        return try openTransport(key: "\(room)/\(participant)/subscribe")
    }

    func applySubscription(room: String, participant: String, subscription: Subscription) async throws(MediaEngineError) {
        calls.append(.applySubscription(room: room, participant: participant))
        appliedSubscriptions.append(subscription)
    }

    private func openTransport(key: String) throws(MediaEngineError) -> LocalTransportParameters {
        if let openFailure { throw openFailure }
        if var existing = transports[key] {
            existing.sessionVersion += 1
            transports[key] = existing
            return existing
        }
        openedCount += 1
        let parameters = LocalTransportParameters(
            iceUfrag: Self.ufrag(openedCount), icePwd: Self.icePwd,
            fingerprint: Fingerprint(algorithm: .sha256, hex: Self.fingerprintHex)!,
            candidates: [HostCandidate(foundation: "1", address: Self.candidateAddress, port: Self.candidatePort, priority: 2_130_706_431)],
            sessionID: 7_000_000_000 + UInt64(openedCount))
        transports[key] = parameters
        return parameters
    }

    func applyPublishAnswer(room: String, participant: String, answer: PublishAnswer) async throws(MediaEngineError) {
        calls.append(.apply(room: room, participant: participant))
        appliedAnswers.append(answer)
    }

    func closePublishTransport(room: String, participant: String) async {
        calls.append(.closePublish(room: room, participant: participant))
        transports["\(room)/\(participant)"] = nil
        openChannels["\(room)/\(participant)"] = nil
    }

    func closeTransports(room: String, participant: String) async {
        calls.append(.closeTransports(room: room, participant: participant))
        transports["\(room)/\(participant)"] = nil
        transports["\(room)/\(participant)/subscribe"] = nil
        openChannels["\(room)/\(participant)"] = nil
    }

    func closeRoom(_ room: String) async {
        calls.append(.closeRoom(room))
        transports = transports.filter { !$0.key.hasPrefix("\(room)/") }
        openChannels = openChannels.filter { !$0.key.hasPrefix("\(room)/") }
    }

    func transportStates(room: String, participant: String) async -> [TransportRole: TransportConnectionState] {
        reportedStates["\(room)/\(participant)"] ?? [:]
    }

    func dataChannels(room: String, participant: String) async -> [DataChannelDescription] {
        openChannels["\(room)/\(participant)"] ?? []
    }

    func participantStats(room: String, participant: String, timestamp: Int64) async -> [JSONValue] {
        TransportRole.allCases.flatMap { role in
            DataChannelStatsEntries.entries(
                channelStatistics["\(room)/\(participant)/\(role.rawValue)"] ?? [], role: role, timestamp: timestamp)
        }
    }

    func roomStats(room: String, participants: [String], timestamp: Int64) async -> [ParticipantStatsEntries] {
        var reports: [ParticipantStatsEntries] = []
        for participant in participants {
            reports.append(ParticipantStatsEntries(
                participant: participant, entries: await participantStats(room: room, participant: participant, timestamp: timestamp)))
        }
        return reports
    }
}
