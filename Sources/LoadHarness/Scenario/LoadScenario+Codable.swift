public import LoadModel

/// A scenario file's keys are the property names of `LoadScenario` (and of the profiles inside
/// it). Every key is optional: a missing one keeps its default (for a profile, the default
/// profile's value). An unknown key is an error naming it, so that a typo never silently runs
/// another scenario.
extension LoadScenario: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case rooms, publishersPerRoom, subscribersPerRoom, publishersSubscribe, audio, video
        case audioProfile, videoProfile, dataChannel, joinRatePerSecond, durationSeconds, injectedLoss
        case threads, srtpProfiles, connectTimeoutSeconds
    }

    enum AudioKeys: String, CodingKey, CaseIterable { case packetsPerSecond, minimumPayloadBytes, maximumPayloadBytes }

    enum VideoKeys: String, CodingKey, CaseIterable {
        case bitsPerSecond, framesPerSecond, maximumPacketBytes, keyFrameIntervalSeconds, simulcast
    }

    enum DataKeys: String, CodingKey, CaseIterable { case messagesPerSecond, messageBytes }

    public init(from decoder: any Decoder) throws {
        self.init()
        try Self.refuseUnknownKeys(in: decoder.container(keyedBy: AnyKey.self), known: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func read<Value: Decodable>(_ key: CodingKeys, _ value: inout Value) throws {
            if let decoded = try container.decodeIfPresent(Value.self, forKey: key) { value = decoded }
        }
        try read(.rooms, &rooms)
        try read(.publishersPerRoom, &publishersPerRoom)
        try read(.subscribersPerRoom, &subscribersPerRoom)
        try read(.publishersSubscribe, &publishersSubscribe)
        try read(.audio, &audio)
        try read(.video, &video)
        try read(.joinRatePerSecond, &joinRatePerSecond)
        try read(.durationSeconds, &durationSeconds)
        try read(.injectedLoss, &injectedLoss)
        try read(.threads, &threads)
        try read(.srtpProfiles, &srtpProfiles)
        try read(.connectTimeoutSeconds, &connectTimeoutSeconds)
        if try Self.hasValue(container, .audioProfile) {
            audioProfile = try Self.decodeAudio(container.superDecoder(forKey: .audioProfile), over: audioProfile)
        }
        if try Self.hasValue(container, .videoProfile) {
            videoProfile = try Self.decodeVideo(container.superDecoder(forKey: .videoProfile), over: videoProfile)
        }
        if try Self.hasValue(container, .dataChannel) {
            dataChannel = try Self.decodeData(container.superDecoder(forKey: .dataChannel))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rooms, forKey: .rooms)
        try container.encode(publishersPerRoom, forKey: .publishersPerRoom)
        try container.encode(subscribersPerRoom, forKey: .subscribersPerRoom)
        try container.encode(publishersSubscribe, forKey: .publishersSubscribe)
        try container.encode(audio, forKey: .audio)
        try container.encode(video, forKey: .video)
        try container.encode(audioProfile, forKey: .audioProfile)
        try container.encode(videoProfile, forKey: .videoProfile)
        try container.encode(dataChannel, forKey: .dataChannel)
        try container.encode(joinRatePerSecond, forKey: .joinRatePerSecond)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(injectedLoss, forKey: .injectedLoss)
        try container.encode(threads, forKey: .threads)
        try container.encode(srtpProfiles, forKey: .srtpProfiles)
        try container.encode(connectTimeoutSeconds, forKey: .connectTimeoutSeconds)
    }

    /// True when the file has `key` with a value other than null.
    private static func hasValue(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Bool {
        guard container.contains(key) else { return false }
        return try !container.decodeNil(forKey: key)
    }

    private static func decodeAudio(_ decoder: any Decoder, over base: AudioProfile) throws -> AudioProfile {
        try refuseUnknownKeys(in: decoder.container(keyedBy: AnyKey.self), known: AudioKeys.self)
        let container = try decoder.container(keyedBy: AudioKeys.self)
        var profile = base
        profile.packetsPerSecond = try container.decodeIfPresent(Int.self, forKey: .packetsPerSecond) ?? base.packetsPerSecond
        profile.minimumPayloadBytes = try container.decodeIfPresent(Int.self, forKey: .minimumPayloadBytes) ?? base.minimumPayloadBytes
        profile.maximumPayloadBytes = try container.decodeIfPresent(Int.self, forKey: .maximumPayloadBytes) ?? base.maximumPayloadBytes
        return profile
    }

    private static func decodeVideo(_ decoder: any Decoder, over base: VideoProfile) throws -> VideoProfile {
        try refuseUnknownKeys(in: decoder.container(keyedBy: AnyKey.self), known: VideoKeys.self)
        let container = try decoder.container(keyedBy: VideoKeys.self)
        var profile = base
        profile.bitsPerSecond = try container.decodeIfPresent(Int.self, forKey: .bitsPerSecond) ?? base.bitsPerSecond
        profile.framesPerSecond = try container.decodeIfPresent(Int.self, forKey: .framesPerSecond) ?? base.framesPerSecond
        profile.maximumPacketBytes = try container.decodeIfPresent(Int.self, forKey: .maximumPacketBytes) ?? base.maximumPacketBytes
        profile.keyFrameIntervalSeconds =
            try container.decodeIfPresent(Double.self, forKey: .keyFrameIntervalSeconds) ?? base.keyFrameIntervalSeconds
        profile.simulcast = try container.decodeIfPresent(Bool.self, forKey: .simulcast) ?? base.simulcast
        return profile
    }

    private static func decodeData(_ decoder: any Decoder) throws -> DataChannelProfile {
        try refuseUnknownKeys(in: decoder.container(keyedBy: AnyKey.self), known: DataKeys.self)
        let container = try decoder.container(keyedBy: DataKeys.self)
        let base = DataChannelProfile.scenarioDefault
        return DataChannelProfile(
            messagesPerSecond: try container.decodeIfPresent(Int.self, forKey: .messagesPerSecond) ?? base.messagesPerSecond,
            messageBytes: try container.decodeIfPresent(Int.self, forKey: .messageBytes) ?? base.messageBytes)
    }

    private static func refuseUnknownKeys<Known: CodingKey & CaseIterable>(
        in container: KeyedDecodingContainer<AnyKey>, known: Known.Type
    ) throws {
        let names = Set(Known.allCases.map(\.stringValue))
        for key in container.allKeys where !names.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath + [key as any CodingKey],
                debugDescription: "unknown setting; known here: \(Known.allCases.map(\.stringValue).joined(separator: ", "))"))
        }
    }
}

extension DataChannelProfile {
    /// What a scenario's data channel sends when the file or flags leave a field out: 10
    /// messages of 256 bytes per second per publisher.
    public static let scenarioDefault = DataChannelProfile(messagesPerSecond: 10, messageBytes: 256)
}

/// Any key of a mapping, to list the keys a file really has.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
