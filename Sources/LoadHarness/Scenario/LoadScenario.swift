public import LoadModel

/// What one load run does: how many rooms, who publishes what, who receives, how fast they
/// join, how long the measured window lasts, and how the harness's peers are set up.
///
/// Built from defaults, then a YAML or JSON file (`LoadScenarioFile`), then command-line flags
/// (`LoadScenarioOverrides`), and checked by `validate()` before a run starts.
///
/// Invariants once validated: every count and rate is inside the limits below, so that every
/// loop of a run is bounded (the duration is required and at most an hour, the transports at
/// most `maximumTransports`); at least one kind of traffic is sent; `srtpProfiles` holds IANA
/// names of profiles the harness's DTLS offers.
public struct LoadScenario: Sendable, Hashable {
    /// Rooms of the run, each with the same participants.
    public var rooms: Int = 1
    /// Participants per room that publish (audio, video and/or data, per the settings below).
    public var publishersPerRoom: Int = 1
    /// Receive-only participants per room; each receives every publisher of its room.
    public var subscribersPerRoom: Int = 1
    /// Each publisher also receives the other publishers of its room (an "everyone talks"
    /// meeting); it has then two transports.
    public var publishersSubscribe: Bool = false
    public var audio: Bool = true
    public var video: Bool = true
    public var audioProfile: AudioProfile = .opus
    public var videoProfile: VideoProfile = .standard
    /// Data-channel messages each publisher sends, relayed to its room; nil: no data channel.
    public var dataChannel: DataChannelProfile?
    /// Participants that start joining per second (the ramp), publishers first.
    public var joinRatePerSecond: Double = 20
    /// Length of the measured window, once everyone joined.
    public var durationSeconds: Double = 10
    /// Share of RTP packets each publisher drops before sending (0 ≤ ratio < 1).
    public var injectedLoss: Double = 0
    /// The harness's worker threads.
    public var threads: Int = 1
    /// SRTP profiles the peers offer, in order (IANA names).
    public var srtpProfiles: [String] = [SRTPProfileName.aes128CmHmacSha1_80, SRTPProfileName.aeadAes128Gcm]
    /// Time a participant has from its first API call to its first media; later counts as a
    /// failed join. Also the ICE + DTLS deadline of every transport.
    public var connectTimeoutSeconds: Double = 10

    public static let maximumRooms = 1000
    public static let maximumTransports = 2000
    public static let maximumDurationSeconds: Double = 3600
    public static let maximumThreads = 64
    public static let maximumJoinRatePerSecond: Double = 1000
    public static let maximumConnectTimeoutSeconds: Double = 120
    public static let maximumInjectedLoss: Double = 0.5

    public init() {}

    /// True when publishers receive too: asked for, and someone else in the room publishes.
    public var publishersReceive: Bool { publishersSubscribe && publishersPerRoom > 1 }

    /// Participants per room (each publisher and each subscriber once).
    public var participantsPerRoom: Int { publishersPerRoom + subscribersPerRoom }

    /// Transports that receive media, per room.
    public var receiveTransportsPerRoom: Int { subscribersPerRoom + (publishersReceive ? publishersPerRoom : 0) }

    /// Every transport the run opens.
    public var transportCount: Int { rooms * (publishersPerRoom + receiveTransportsPerRoom) }

    /// Every participant of the run.
    public var participantCount: Int { rooms * participantsPerRoom }

    /// One line saying what the scenario is, for progress output and the report's table.
    public var summary: String {
        var media: [String] = []
        if audio { media.append("audio") }
        if video { media.append(videoProfile.simulcast ? "video (simulcast)" : "video") }
        if let dataChannel { media.append("data \(dataChannel.messagesPerSecond)/s × \(dataChannel.messageBytes) B") }
        let receiving = publishersReceive ? ", publishers receive each other" : ""
        return "\(rooms) room\(rooms == 1 ? "" : "s") × (\(publishersPerRoom) publisher\(publishersPerRoom == 1 ? "" : "s") + "
            + "\(subscribersPerRoom) subscriber\(subscribersPerRoom == 1 ? "" : "s")\(receiving)), "
            + "\(media.joined(separator: " + ")), \(LoadNumberFormat.decimal(durationSeconds, places: 0)) s, "
            + "\(threads) harness thread\(threads == 1 ? "" : "s")"
    }
}
