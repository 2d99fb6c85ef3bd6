public import MediaContract
/// A participant's connection state as the API reports it.
public enum ParticipantState: String, Codable, Hashable, Sendable {
    case new, connecting, connected, disconnected
}

/// A participant as `GET …/participants/{p}` shows it.
///
/// Invariants: `id` is a valid ``Identifier``; `joinedAt` is milliseconds since the Unix epoch;
/// `tracks` are the tracks its publish transport's latest answer accepted; `dataChannels` are
/// the channels the media engine reports open on its publish transport, written as
/// `{"label","ordered","maxRetransmits"?,"maxPacketLifeTime"?}`.
public struct Participant: Encodable, Hashable, Sendable {
    public let id: String
    public let name: String
    public let joinedAt: Int64
    public let permissions: Permissions
    public let metadata: [String: JSONValue]
    public let state: ParticipantState
    public let tracks: [Track]
    public let dataChannels: [DataChannelDescription]

    private enum CodingKeys: String, CodingKey {
        case id, name, joinedAt, permissions, metadata, state, tracks, dataChannels
    }

    private enum DataChannelKeys: String, CodingKey {
        case label, ordered, maxRetransmits, maxPacketLifeTime
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(joinedAt, forKey: .joinedAt)
        try container.encode(permissions, forKey: .permissions)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(state, forKey: .state)
        try container.encode(tracks, forKey: .tracks)
        var channels = container.nestedUnkeyedContainer(forKey: .dataChannels)
        for channel in dataChannels {
            var object = channels.nestedContainer(keyedBy: DataChannelKeys.self)
            try object.encode(channel.label, forKey: .label)
            try object.encode(channel.ordered, forKey: .ordered)
            try object.encodeIfPresent(channel.maxRetransmits, forKey: .maxRetransmits)
            try object.encodeIfPresent(channel.maxPacketLifeTime, forKey: .maxPacketLifeTime)
        }
    }
}

/// The directory's record of a participant: what the API shows plus what only the server knows.
///
/// Invariants: `tokenID` is the `jti` of the one token issued for this participant (a token of
/// an earlier participant with the same id does not match); `sequence` orders participants by
/// join; `publishTransportOpen` is true from the first applied publish answer until the publish
/// transport closes, and `remoteICEUfrag` is the publisher's ufrag while it is open.
struct ParticipantRecord: Sendable {
    let id: String
    let name: String
    let joinedAt: Int64
    let permissions: Permissions
    let metadata: [String: JSONValue]
    let tokenID: String
    let sequence: UInt64
    var publishTransportOpen = false
    var publishNegotiating = false
    var remoteICEUfrag: String?
    /// What its publish transport's latest answer accepted, in section order.
    var publishedTracks: [PublishedTrack] = []
    /// Its subscribe negotiation, from its first `POST …/subscribe`.
    var subscribe: SubscribeSession?
    var subscribeNegotiating = false

    /// The participant as the API shows it, given what the media engine reports of it.
    func resource(media: ParticipantMediaReport) -> Participant {
        Participant(
            id: id, name: name, joinedAt: joinedAt, permissions: permissions, metadata: metadata,
            state: ParticipantState(transports: media.transports.values, publishTransportOpen: publishTransportOpen),
            tracks: publishedTracks.map(\.track), dataChannels: media.dataChannels)
    }
}
