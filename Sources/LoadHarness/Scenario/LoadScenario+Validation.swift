import LoadModel

extension LoadScenario {
    /// Checks every setting against its limits; the first one out of range is named in the
    /// error (`LoadRunError.invalidScenario`), with its value and what is allowed.
    public func validate() throws(LoadRunError) {
        try Self.check(rooms, in: 1...Self.maximumRooms, "rooms")
        try Self.check(publishersPerRoom, in: 1...Self.maximumTransports, "publishersPerRoom")
        try Self.check(subscribersPerRoom, in: 0...Self.maximumTransports, "subscribersPerRoom")
        guard transportCount <= Self.maximumTransports else {
            throw .invalidScenario(
                "the scenario needs \(transportCount) transports (rooms × (publishers + receivers)); at most "
                    + "\(Self.maximumTransports) are allowed")
        }
        try Self.check(durationSeconds, in: 1...Self.maximumDurationSeconds, "durationSeconds")
        try Self.check(joinRatePerSecond, in: 0.1...Self.maximumJoinRatePerSecond, "joinRatePerSecond")
        try Self.check(connectTimeoutSeconds, in: 1...Self.maximumConnectTimeoutSeconds, "connectTimeoutSeconds")
        try Self.check(threads, in: 1...Self.maximumThreads, "threads")
        guard injectedLoss.isFinite, injectedLoss >= 0, injectedLoss <= Self.maximumInjectedLoss else {
            throw .invalidScenario("injectedLoss = \(injectedLoss): must be a ratio in 0...\(Self.maximumInjectedLoss)")
        }
        guard audio || video || dataChannel != nil else {
            throw .invalidScenario("audio, video and dataChannel are all off: publishers would send nothing")
        }
        if audio { try validateAudio() }
        if video { try validateVideo() }
        if let dataChannel { try Self.validate(dataChannel) }
        try validateSRTPProfiles()
    }

    private func validateAudio() throws(LoadRunError) {
        let profile = audioProfile
        try Self.check(profile.packetsPerSecond, in: 1...1000, "audioProfile.packetsPerSecond")
        try Self.check(profile.minimumPayloadBytes, in: ProbeTrailer.byteCount...1200, "audioProfile.minimumPayloadBytes")
        try Self.check(profile.maximumPayloadBytes, in: profile.minimumPayloadBytes...1200, "audioProfile.maximumPayloadBytes")
    }

    private func validateVideo() throws(LoadRunError) {
        let profile = videoProfile
        try Self.check(profile.bitsPerSecond, in: 10_000...50_000_000, "videoProfile.bitsPerSecond")
        try Self.check(profile.framesPerSecond, in: 1...120, "videoProfile.framesPerSecond")
        try Self.check(profile.maximumPacketBytes, in: 200...1400, "videoProfile.maximumPacketBytes")
        try Self.check(profile.keyFrameIntervalSeconds, in: 0.1...3600, "videoProfile.keyFrameIntervalSeconds")
    }

    private static func validate(_ profile: DataChannelProfile) throws(LoadRunError) {
        try check(profile.messagesPerSecond, in: 1...1000, "dataChannel.messagesPerSecond")
        try check(profile.messageBytes, in: ProbeTrailer.byteCount...65_536, "dataChannel.messageBytes")
    }

    private func validateSRTPProfiles() throws(LoadRunError) {
        guard !srtpProfiles.isEmpty else {
            throw .invalidScenario("srtpProfiles is empty: name at least one of \(SRTPProfileName.all.joined(separator: ", "))")
        }
        for name in srtpProfiles where SRTPProfileName.canonical(name) == nil {
            throw .invalidScenario("srtpProfiles: unknown profile \"\(name)\"; known: \(SRTPProfileName.all.joined(separator: ", "))")
        }
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, _ name: String) throws(LoadRunError) {
        guard range.contains(value) else {
            throw .invalidScenario("\(name) = \(value): must be in \(range.lowerBound)...\(range.upperBound)")
        }
    }

    private static func check(_ value: Double, in range: ClosedRange<Double>, _ name: String) throws(LoadRunError) {
        guard value.isFinite, range.contains(value) else {
            throw .invalidScenario(
                "\(name) = \(value): must be in \(LoadNumberFormat.shortest(range.lowerBound))...\(LoadNumberFormat.shortest(range.upperBound))")
        }
    }
}
