import ServerConfig
import Testing

@Suite("The effective configuration printed at start-up")
struct EffectiveConfigurationTests {
    @Test("every setting is printed once with its source, secrets masked")
    func masking() throws {
        let apiKey = "operator-key-that-must-not-leak"
        let secret = "token-secret-that-must-not-leak-0123456789"
        let fixture = try ConfigFixture("auth:\n  apiKeys: [\(apiKey)]\nlog:\n  level: notice\n")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path, workers: "3"),
            environment: ["SWITCHBOARD_TOKEN_SECRET": secret], coreCount: 2)
        let lines = loaded.effectiveSettings
        let text = lines.joined(separator: "\n")
        #expect(!text.contains(apiKey))
        #expect(!text.contains(secret))
        #expect(lines.count == SettingKey.allCases.count)
        #expect(lines.count == 24)
        #expect(lines.contains("log.redact = true (from built-in default)"))
        #expect(lines.contains("shutdown.graceSeconds = 10 (from built-in default)"))
        #expect(lines.contains("metrics.public = false (from built-in default)"))
        #expect(lines.contains("dtls.certificateFile = <generated at start> (from built-in default)"))
        #expect(lines.contains("dtls.privateKeyFile = <generated at start> (from built-in default)"))
        #expect(lines.contains("auth.apiKeys = <1 key, masked> (from \(fixture.path))"))
        #expect(lines.contains("auth.tokenSecret = <secret, 42 bytes> (from environment variable SWITCHBOARD_TOKEN_SECRET)"))
        #expect(lines.contains("workers = 3 (from command-line flag --workers)"))
        #expect(lines.contains("log.level = notice (from \(fixture.path))"))
        #expect(lines.contains("http.port = 8080 (from built-in default)"))
        #expect(lines.contains("udp.listenIPs = [127.0.0.1] (from built-in default)"))
        #expect(lines.contains("media.srtpProfiles = [SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM, "
            + "SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32] (from built-in default)"))
    }

    @Test("a generated token secret is shown as generated, not printed")
    func generatedSecret() throws {
        let fixture = try ConfigFixture("")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: [:], coreCount: 2)
        let lines = loaded.effectiveSettings
        #expect(lines.contains("auth.tokenSecret = <generated at start, 64 bytes> (from built-in default)"))
        #expect(!lines.joined().contains(loaded.configuration.auth.tokenSecret))
    }
}
