import Logging
import ServerConfig
import Testing

@Suite("Configuration layering: defaults < file < environment < flags")
struct ConfigurationLayeringTests {
    @Test("a file with no settings gives the documented defaults")
    func defaults() throws {
        let fixture = try ConfigFixture("# nothing but a comment\n")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: [:], coreCount: 6)
        let configuration = loaded.configuration
        #expect(configuration.http == .init(host: "127.0.0.1", port: 8080))
        #expect(configuration.udp == .init(basePort: 40000, listenIPs: ["127.0.0.1"], announcedIPs: []))
        #expect(configuration.workers == 6)
        #expect(configuration.auth.apiKeys == [])
        #expect(configuration.auth.tokenSecretIsGenerated)
        #expect(configuration.auth.tokenSecret.utf8.count == 64)
        #expect(configuration.auth.tokenSecret.allSatisfy { $0.isHexDigit })
        #expect(configuration.auth.tokenTTLSeconds == 86400)
        #expect(configuration.logLevel == .info)
        #expect(configuration.limits == .init(maxRooms: 1000, maxParticipantsPerRoom: 100, maxBodyBytes: 65536))
        #expect(configuration.rooms.emptyTimeoutSeconds == 300)
        #expect(configuration.rooms.disconnectGraceSeconds == 20)
        #expect(configuration.logFormat == .text)
        #expect(configuration.logRedactsSensitiveData)
        #expect(configuration.stats.sampleIntervalMilliseconds == 1000)
        #expect(configuration.metrics == .init(isPublic: false, maxRoomLabels: 100))
        #expect(configuration.shutdown.graceSeconds == 10)
        #expect(SettingKey.allCases.allSatisfy { loaded.sources[$0] == .defaultValue })
        #expect(loaded.notices.contains(.generatedTokenSecret))
        #expect(loaded.notices.contains(.noAPIKeys))
    }

    @Test("--config /dev/null reads as an empty file")
    func devNull() throws {
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: "/dev/null"), environment: [:], coreCount: 3)
        #expect(loaded.configuration.http == .init(host: "127.0.0.1", port: 8080))
        #expect(loaded.configuration.workers == 3)
        #expect(!loaded.notices.contains(.noConfigFile(path: "/dev/null")))
    }

    @Test("two starts without a configured secret generate different secrets")
    func generatedSecretsDiffer() throws {
        let fixture = try ConfigFixture("")
        defer { fixture.remove() }
        let overrides = CommandLineOverrides(configPath: fixture.path)
        let first = try ConfigurationLoader.load(commandLine: overrides, environment: [:], coreCount: 1)
        let second = try ConfigurationLoader.load(commandLine: overrides, environment: [:], coreCount: 1)
        #expect(first.configuration.auth.tokenSecret != second.configuration.auth.tokenSecret)
    }

    @Test("every key of a file is read")
    func fileValues() throws {
        let secret = "0123456789abcdef0123456789abcdef-file"
        let fixture = try ConfigFixture(
            """
            http:
              host: 0.0.0.0
              port: 9000
            udp:
              port: 50000
              listenIPs: [10.0.0.5, "::1"]
              announcedIPs:
                - 203.0.113.7
            workers: 4
            auth:
              apiKeys: [key-one, key-two]
              tokenSecret: "\(secret)"
              tokenTtlSeconds: 600
            log:
              level: debug
              format: JSON
              redact: false
            limits:
              maxRooms: 20
              maxParticipantsPerRoom: 8
              maxBodyBytes: 4096
            rooms:
              emptyTimeoutSeconds: 0
              disconnectGraceSeconds: 45
            media:
              srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80]
            dtls:
              certificateFile: "\(#filePath)"
              privateKeyFile: "\(ConfigFixture.shippedConfigPath)"
            stats:
              sampleIntervalMilliseconds: 250
            metrics:
              public: true
              maxRoomLabels: 0
            shutdown:
              graceSeconds: 3
            """)
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: [:], coreCount: 2)
        let expected = ServerConfiguration(
            http: .init(host: "0.0.0.0", port: 9000),
            udp: .init(basePort: 50000, listenIPs: ["10.0.0.5", "::1"], announcedIPs: ["203.0.113.7"]),
            workers: 4,
            auth: .init(apiKeys: ["key-one", "key-two"], tokenSecret: secret, tokenSecretIsGenerated: false, tokenTTLSeconds: 600),
            logLevel: .debug,
            limits: .init(maxRooms: 20, maxParticipantsPerRoom: 8, maxBodyBytes: 4096),
            rooms: .init(emptyTimeoutSeconds: 0, disconnectGraceSeconds: 45),
            media: .init(srtpProfiles: ["SRTP_AES128_CM_HMAC_SHA1_80"]),
            dtls: .init(certificateFile: #filePath, privateKeyFile: ConfigFixture.shippedConfigPath),
            logFormat: .json,
            logRedactsSensitiveData: false,
            stats: .init(sampleIntervalMilliseconds: 250),
            metrics: .init(isPublic: true, maxRoomLabels: 0),
            shutdown: .init(graceSeconds: 3))
        #expect(loaded.configuration == expected)
        #expect(SettingKey.allCases.allSatisfy { loaded.sources[$0] == .file(path: fixture.path) })
        #expect(loaded.notices == [])
    }

    @Test("the shipped config file is valid and flags its development key")
    func shippedFile() throws {
        let path = ConfigFixture.shippedConfigPath
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: path), environment: [:], coreCount: 2)
        #expect(loaded.configuration.http == .init(host: "127.0.0.1", port: 8080))
        #expect(loaded.configuration.auth.apiKeys == ["dev-operator-key"])
        #expect(loaded.configuration.workers == 2)
        #expect(loaded.configuration.dtls == .init())
        #expect(loaded.notices.contains(.developmentAPIKey(source: .file(path: path))))
        #expect(loaded.notices.contains(.generatedTokenSecret))
    }

    @Test("environment variables override the file")
    func environmentOverridesFile() throws {
        let fixture = try ConfigFixture(
            """
            http:
              port: 9000
            workers: 4
            auth:
              apiKeys: [file-key]
            log:
              level: debug
            """)
        defer { fixture.remove() }
        let environment = [
            "SWITCHBOARD_HTTP_PORT": "9100",
            "SWITCHBOARD_API_KEYS": "env-key-1, env-key-2",
            "SWITCHBOARD_TOKEN_SECRET": String(repeating: "s", count: 32),
            "SWITCHBOARD_LISTEN_IPS": "127.0.0.2,127.0.0.3",
            "SWITCHBOARD_LOG_LEVEL": "warning",
            "SWITCHBOARD_MAX_ROOMS": "7",
        ]
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: environment, coreCount: 2)
        let configuration = loaded.configuration
        #expect(configuration.http.port == 9100)
        #expect(configuration.workers == 4)
        #expect(configuration.auth.apiKeys == ["env-key-1", "env-key-2"])
        #expect(configuration.auth.tokenSecret == String(repeating: "s", count: 32))
        #expect(!configuration.auth.tokenSecretIsGenerated)
        #expect(configuration.udp.listenIPs == ["127.0.0.2", "127.0.0.3"])
        #expect(configuration.logLevel == .warning)
        #expect(configuration.limits.maxRooms == 7)
        #expect(loaded.sources[.httpPort] == .environment(variable: "SWITCHBOARD_HTTP_PORT"))
        #expect(loaded.sources[.workers] == .file(path: fixture.path))
        #expect(loaded.sources[.httpHost] == .defaultValue)
    }

    @Test("an empty SWITCHBOARD_API_KEYS clears the file's keys")
    func emptyEnvironmentList() throws {
        let fixture = try ConfigFixture("auth:\n  apiKeys: [file-key]\n")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: ["SWITCHBOARD_API_KEYS": ""],
            coreCount: 2)
        #expect(loaded.configuration.auth.apiKeys == [])
        #expect(loaded.notices.contains(.noAPIKeys))
    }

    @Test("flags override environment variables")
    func flagsOverrideEnvironment() throws {
        let fixture = try ConfigFixture("workers: 4\nudp:\n  port: 41000\n")
        defer { fixture.remove() }
        let environment = [
            "SWITCHBOARD_HTTP_HOST": "127.0.0.9", "SWITCHBOARD_HTTP_PORT": "9100", "SWITCHBOARD_WORKERS": "5",
            "SWITCHBOARD_UDP_PORT": "42000", "SWITCHBOARD_LOG_LEVEL": "error",
            "SWITCHBOARD_ANNOUNCED_IPS": "198.51.100.1",
        ]
        let flags = CommandLineOverrides(
            configPath: fixture.path, httpAddress: "[::1]:9200", udpPort: "43000",
            listenIPs: ["127.0.0.1", "::1"], announcedIPs: ["198.51.100.2", "198.51.100.3"], workers: "3",
            logLevel: "TRACE")
        let loaded = try ConfigurationLoader.load(commandLine: flags, environment: environment, coreCount: 2)
        let configuration = loaded.configuration
        #expect(configuration.http == .init(host: "::1", port: 9200))
        #expect(configuration.workers == 3)
        #expect(configuration.udp == .init(basePort: 43000, listenIPs: ["127.0.0.1", "::1"], announcedIPs: ["198.51.100.2", "198.51.100.3"]))
        #expect(configuration.logLevel == .trace)
        #expect(loaded.sources[.httpHost] == .commandLine(flag: "--http"))
        #expect(loaded.sources[.httpPort] == .commandLine(flag: "--http"))
        #expect(loaded.sources[.udpAnnouncedIPs] == .commandLine(flag: "--announced-ip"))
    }

    @Test("workers: auto and 0 mean one per core", arguments: ["auto", "0", "AUTO"])
    func automaticWorkers(value: String) throws {
        let fixture = try ConfigFixture("workers: \(value)\n")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: [:], coreCount: 12)
        #expect(loaded.configuration.workers == 12)
    }

    @Test("SWITCHBOARD_CONFIG names the file when --config does not")
    func configFileFromEnvironment() throws {
        let fromEnvironment = try ConfigFixture("http:\n  port: 9300\n")
        let fromFlag = try ConfigFixture("http:\n  port: 9400\n")
        defer {
            fromEnvironment.remove()
            fromFlag.remove()
        }
        let environment = ["SWITCHBOARD_CONFIG": fromEnvironment.path]
        let viaEnvironment = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(), environment: environment, coreCount: 1)
        #expect(viaEnvironment.configuration.http.port == 9300)
        let viaFlag = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fromFlag.path), environment: environment, coreCount: 1)
        #expect(viaFlag.configuration.http.port == 9400)
    }

    @Test("an unknown SWITCHBOARD_ variable is reported, not fatal")
    func unknownEnvironmentVariable() throws {
        let fixture = try ConfigFixture("")
        defer { fixture.remove() }
        let loaded = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path),
            environment: ["SWITCHBOARD_HTTP_PROT": "1", "HOME": "/root"], coreCount: 1)
        #expect(loaded.notices.contains(.unknownEnvironmentVariable(name: "SWITCHBOARD_HTTP_PROT")))
        #expect(!loaded.notices.contains(.unknownEnvironmentVariable(name: "HOME")))
    }

    @Test("--log-unredacted turns redaction off over the file and the environment")
    func unredactedFlag() throws {
        let fixture = try ConfigFixture("log:\n  redact: true\n")
        defer { fixture.remove() }
        let environment = ["SWITCHBOARD_LOG_REDACT": "TRUE", "SWITCHBOARD_METRICS_PUBLIC": "true"]
        let plain = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path), environment: environment, coreCount: 1)
        #expect(plain.configuration.logRedactsSensitiveData)
        #expect(plain.configuration.metrics.isPublic)
        let flagged = try ConfigurationLoader.load(
            commandLine: CommandLineOverrides(configPath: fixture.path, logUnredacted: true), environment: environment,
            coreCount: 1)
        #expect(!flagged.configuration.logRedactsSensitiveData)
        #expect(flagged.sources[.logRedact] == .commandLine(flag: "--log-unredacted"))
    }
}
