import MediaContract

/// What the media engine reports of one participant when it is shown: the state of each of its
/// transports and the data channels it has open on its publish transport.
///
/// Invariant: empty (``none``) for a participant the engine knows nothing of, or when the
/// server runs without media.
struct ParticipantMediaReport: Hashable, Sendable {
    var transports: [TransportRole: TransportConnectionState]
    var dataChannels: [DataChannelDescription]

    init(transports: [TransportRole: TransportConnectionState] = [:], dataChannels: [DataChannelDescription] = []) {
        self.transports = transports
        self.dataChannels = dataChannels
    }

    /// Nothing reported.
    static let none = ParticipantMediaReport()
}

extension MediaEngine {
    /// What the engine reports of the participant now.
    func report(room: String, participant: String) async -> ParticipantMediaReport {
        ParticipantMediaReport(
            transports: await transportStates(room: room, participant: participant),
            dataChannels: await dataChannels(room: room, participant: participant))
    }
}
