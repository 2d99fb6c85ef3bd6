/// The scenario settings the command line sets; nil (or false for a switch) leaves the file's or
/// the default value. Applied after the file, so flags override it.
public struct LoadScenarioOverrides: Sendable, Hashable {
    public var rooms: Int?
    public var publishersPerRoom: Int?
    public var subscribersPerRoom: Int?
    /// `--publishers-subscribe`: only turns the setting on.
    public var publishersSubscribe = false
    /// `--audio-only`: video off, audio on.
    public var audioOnly = false
    /// `--simulcast`: video in three layers.
    public var simulcast = false
    public var dataMessagesPerSecond: Int?
    public var dataMessageBytes: Int?
    public var joinRatePerSecond: Double?
    public var durationSeconds: Double?
    public var injectedLoss: Double?
    public var threads: Int?
    /// Replaces the scenario's list when not empty.
    public var srtpProfiles: [String] = []
    public var connectTimeoutSeconds: Double?

    public init() {}

    /// `scenario` with these settings applied over it. A data-channel flag turns the data
    /// channel on; the other data field then comes from the scenario's channel or the default.
    public func applied(to scenario: LoadScenario) -> LoadScenario {
        var result = scenario
        if let rooms { result.rooms = rooms }
        if let publishersPerRoom { result.publishersPerRoom = publishersPerRoom }
        if let subscribersPerRoom { result.subscribersPerRoom = subscribersPerRoom }
        if publishersSubscribe { result.publishersSubscribe = true }
        if audioOnly {
            result.audio = true
            result.video = false
        }
        if simulcast { result.videoProfile.simulcast = true }
        if dataMessagesPerSecond != nil || dataMessageBytes != nil {
            var channel = result.dataChannel ?? .scenarioDefault
            if let dataMessagesPerSecond { channel.messagesPerSecond = dataMessagesPerSecond }
            if let dataMessageBytes { channel.messageBytes = dataMessageBytes }
            result.dataChannel = channel
        }
        if let joinRatePerSecond { result.joinRatePerSecond = joinRatePerSecond }
        if let durationSeconds { result.durationSeconds = durationSeconds }
        if let injectedLoss { result.injectedLoss = injectedLoss }
        if let threads { result.threads = threads }
        if !srtpProfiles.isEmpty { result.srtpProfiles = srtpProfiles }
        if let connectTimeoutSeconds { result.connectTimeoutSeconds = connectTimeoutSeconds }
        return result
    }
}

extension LoadScenario {
    /// The effective scenario of a run: defaults, then the file at `path` (when given), then
    /// `overrides`; SRTP names in their IANA spelling; validated.
    public static func resolve(file path: String?, overrides: LoadScenarioOverrides) throws(LoadRunError) -> LoadScenario {
        var base = LoadScenario()
        if let path { base = try LoadScenarioFile.load(path: path) }
        var scenario = overrides.applied(to: base)
        try scenario.validate()
        scenario.srtpProfiles = scenario.srtpProfiles.compactMap(SRTPProfileName.canonical)
        return scenario
    }
}
