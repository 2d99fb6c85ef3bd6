import Foundation
import LoadHarness
import LoadModel
import Testing

@Suite struct LoadScenarioTests {
    /// The message of the `invalidScenario` error `body` throws, or nil.
    private func invalidMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch LoadRunError.invalidScenario(let message) {
            return message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func defaultsAreValidAndDescribeOneRoom() throws {
        let scenario = LoadScenario()
        try scenario.validate()
        #expect(scenario.transportCount == 2)
        #expect(scenario.summary.hasPrefix("1 room × (1 publisher + 1 subscriber), audio + video, 10 s"))
    }

    @Test func yamlSetsOnlyTheKeysItNames() throws {
        let scenario = try LoadScenarioFile.decodeYAML("""
            rooms: 3
            publishersPerRoom: 2
            subscribersPerRoom: 40
            durationSeconds: 7.5
            videoProfile:
              bitsPerSecond: 500000
              simulcast: true
            dataChannel:
              messagesPerSecond: 5
            srtpProfiles: [SRTP_AEAD_AES_128_GCM]
            """)
        #expect(scenario.rooms == 3)
        #expect(scenario.publishersPerRoom == 2)
        #expect(scenario.subscribersPerRoom == 40)
        #expect(scenario.durationSeconds == 7.5)
        #expect(scenario.videoProfile.bitsPerSecond == 500_000)
        #expect(scenario.videoProfile.simulcast)
        #expect(scenario.videoProfile.framesPerSecond == 30, "unnamed profile keys keep the default profile's value")
        #expect(scenario.dataChannel == DataChannelProfile(messagesPerSecond: 5, messageBytes: 256))
        #expect(scenario.srtpProfiles == ["SRTP_AEAD_AES_128_GCM"])
        #expect(scenario.audio && scenario.video && scenario.audioProfile == .opus)
        #expect(scenario.transportCount == 3 * (2 + 40))
    }

    @Test func jsonFileIsReadLikeYAML() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json").path
        try Data(#"{"rooms": 10, "publishersPerRoom": 5, "subscribersPerRoom": 0, "publishersSubscribe": true, "video": false}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try LoadScenarioFile.load(path: path)
        #expect(scenario.rooms == 10)
        #expect(scenario.publishersReceive)
        #expect(!scenario.video)
        #expect(scenario.receiveTransportsPerRoom == 5)
        #expect(scenario.transportCount == 100)
    }

    @Test func unknownKeysAreNamed() {
        let top = invalidMessage { _ = try LoadScenarioFile.decodeYAML("publishers: 5\n", source: "s.yaml") }
        #expect(top?.hasPrefix("s.yaml: publishers: unknown setting") == true, "\(top ?? "no error")")
        let nested = invalidMessage { _ = try LoadScenarioFile.decodeYAML("videoProfile:\n  fps: 30\n") }
        #expect(nested?.hasPrefix("scenario: videoProfile.fps: unknown setting") == true, "\(nested ?? "no error")")
    }

    @Test func wrongTypesAreNamedWithWhatIsExpected() {
        let message = invalidMessage {
            _ = try LoadScenarioFile.decodeJSON(Data(#"{"videoProfile": {"bitsPerSecond": "fast"}}"#.utf8), source: "x.json")
        }
        #expect(message == "x.json: videoProfile.bitsPerSecond: expected a whole number", "\(message ?? "no error")")
        let notJSON = invalidMessage { _ = try LoadScenarioFile.decodeJSON(Data("{rooms".utf8)) }
        #expect(notJSON?.hasPrefix("scenario: ") == true)
    }

    @Test func missingFileIsAnInvalidScenario() {
        let message = invalidMessage { _ = try LoadScenarioFile.load(path: "/nonexistent/scenario.yaml") }
        #expect(message?.hasPrefix("/nonexistent/scenario.yaml: cannot be read") == true, "\(message ?? "no error")")
    }

    @Test(arguments: [
        ("rooms: 0", "rooms = 0: must be in 1...1000"),
        ("durationSeconds: 0", "durationSeconds = 0.0: must be in 1...3600"),
        ("durationSeconds: 3601", "durationSeconds = 3601.0: must be in 1...3600"),
        ("durationSeconds: .nan", "durationSeconds = nan: must be in 1...3600"),
        ("threads: 0", "threads = 0: must be in 1...64"),
        ("injectedLoss: 0.9", "injectedLoss = 0.9: must be a ratio in 0...0.5"),
        ("subscribersPerRoom: -1", "subscribersPerRoom = -1: must be in 0...2000"),
        ("audioProfile: {minimumPayloadBytes: 10}", "audioProfile.minimumPayloadBytes = 10: must be in 24...1200"),
        ("videoProfile: {maximumPacketBytes: 1500}", "videoProfile.maximumPacketBytes = 1500: must be in 200...1400"),
        ("dataChannel: {messagesPerSecond: 0}", "dataChannel.messagesPerSecond = 0: must be in 1...1000"),
        ("joinRatePerSecond: 0", "joinRatePerSecond = 0.0: must be in 0.1...1000"),
        ("connectTimeoutSeconds: 500", "connectTimeoutSeconds = 500.0: must be in 1...120"),
    ])
    func outOfRangeSettingsAreNamed(yaml: String, message: String) throws {
        let scenario = try LoadScenarioFile.decodeYAML(yaml)
        #expect(invalidMessage { try scenario.validate() } == message)
    }

    @Test func transportCountIsCapped() {
        var scenario = LoadScenario()
        scenario.rooms = 10
        scenario.publishersPerRoom = 100
        scenario.subscribersPerRoom = 100
        #expect(invalidMessage { try scenario.validate() } == nil, "2,000 transports is the limit, allowed")
        scenario.subscribersPerRoom = 101
        #expect(invalidMessage { try scenario.validate() }
            == "the scenario needs 2010 transports (rooms × (publishers + receivers)); at most 2000 are allowed")
    }

    @Test func nothingToSendIsRefused() {
        var scenario = LoadScenario()
        scenario.audio = false
        scenario.video = false
        #expect(invalidMessage { try scenario.validate() } == "audio, video and dataChannel are all off: publishers would send nothing")
        scenario.dataChannel = .scenarioDefault
        #expect(invalidMessage { try scenario.validate() } == nil)
    }

    @Test func srtpProfilesAreCheckedAndCanonical() throws {
        var overrides = LoadScenarioOverrides()
        overrides.srtpProfiles = ["srtp_aes128_cm_sha1_80", "SRTP_AEAD_AES_256_GCM"]
        let scenario = try LoadScenario.resolve(file: nil, overrides: overrides)
        #expect(scenario.srtpProfiles == ["SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AEAD_AES_256_GCM"])
        overrides.srtpProfiles = ["SRTP_NULL"]
        let message = invalidMessage { _ = try LoadScenario.resolve(file: nil, overrides: overrides) }
        #expect(message?.hasPrefix("srtpProfiles: unknown profile \"SRTP_NULL\"") == true, "\(message ?? "no error")")
    }

    @Test func flagsOverrideTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).yaml").path
        try Data("rooms: 4\nsubscribersPerRoom: 9\ndurationSeconds: 30\ndataChannel: {messageBytes: 100}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var overrides = LoadScenarioOverrides()
        overrides.subscribersPerRoom = 20
        overrides.durationSeconds = 5
        overrides.audioOnly = true
        overrides.dataMessagesPerSecond = 50
        let scenario = try LoadScenario.resolve(file: path, overrides: overrides)
        #expect(scenario.rooms == 4, "a setting no flag names keeps the file's value")
        #expect(scenario.subscribersPerRoom == 20)
        #expect(scenario.durationSeconds == 5)
        #expect(scenario.audio && !scenario.video)
        #expect(scenario.dataChannel == DataChannelProfile(messagesPerSecond: 50, messageBytes: 100))
    }

    @Test func dataFlagsAloneTurnTheChannelOn() {
        var overrides = LoadScenarioOverrides()
        overrides.dataMessageBytes = 1000
        #expect(overrides.applied(to: LoadScenario()).dataChannel == DataChannelProfile(messagesPerSecond: 10, messageBytes: 1000))
        #expect(LoadScenarioOverrides().applied(to: LoadScenario()).dataChannel == nil)
    }

    @Test func encodedScenarioDecodesToItself() throws {
        var scenario = LoadScenario()
        scenario.rooms = 2
        scenario.videoProfile.simulcast = true
        scenario.dataChannel = DataChannelProfile(messagesPerSecond: 3, messageBytes: 64)
        let data = try JSONEncoder().encode(scenario)
        #expect(try LoadScenarioFile.decodeJSON(data) == scenario)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "rooms", "publishersPerRoom", "subscribersPerRoom", "publishersSubscribe", "audio", "video", "audioProfile",
            "videoProfile", "dataChannel", "joinRatePerSecond", "durationSeconds", "injectedLoss", "threads", "srtpProfiles",
            "connectTimeoutSeconds",
        ])
    }
}
