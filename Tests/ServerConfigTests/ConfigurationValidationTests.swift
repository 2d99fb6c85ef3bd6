import ServerConfig
import Testing

/// One invalid configuration and the exact message it must produce. `{file}` in `message`
/// stands for the fixture's path.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String = ""
    var environment: [String: String] = [:]
    var flags = CommandLineOverrides()
    var message: String

    var testDescription: String { name }
}

@Suite("Configuration validation: every error names key, value, source and expectation")
struct ConfigurationValidationTests {
    static let cases: [InvalidCase] = [
        InvalidCase(
            name: "non-numeric port in the file", yaml: "http:\n  port: \"80a\"\n",
            message: #"http.port = "80a" (from {file}): expected an integer port 0-65535 (0: any free port)"#),
        InvalidCase(
            name: "port out of range in the environment", environment: ["SWITCHBOARD_HTTP_PORT": "70000"],
            message: #"http.port = "70000" (from environment variable SWITCHBOARD_HTTP_PORT): expected an integer port 0-65535 (0: any free port)"#),
        InvalidCase(
            name: "negative UDP port flag", flags: CommandLineOverrides(udpPort: "-1"),
            message: #"udp.port = "-1" (from command-line flag --udp-port): expected an integer port 1-65535"#),
        InvalidCase(
            name: "UDP port 0", yaml: "udp:\n  port: 0\n",
            message: #"udp.port = "0" (from {file}): expected an integer port 1-65535"#),
        InvalidCase(
            name: "worker ports past 65535", yaml: "workers: 4\nudp:\n  port: 65533\n",
            message: #"udp.port = "65533" (from {file}): expected a base port with port + workers - 1 <= 65535 (workers = 4)"#),
        InvalidCase(
            name: "unparsable listen address", yaml: "udp:\n  listenIPs: [127.0.0.1, 300.1.2.3]\n",
            message: #"udp.listenIPs[1] = "300.1.2.3" (from {file}): expected a non-empty list of IPv4 or IPv6 addresses, e.g. [127.0.0.1]"#),
        InvalidCase(
            name: "empty listen list", yaml: "udp:\n  listenIPs: []\n",
            message: #"udp.listenIPs = [] (from {file}): expected a non-empty list of IPv4 or IPv6 addresses, e.g. [127.0.0.1]"#),
        InvalidCase(
            name: "host name as announced address", flags: CommandLineOverrides(announcedIPs: ["example.com"]),
            message: #"udp.announcedIPs[0] = "example.com" (from command-line flag --announced-ip): expected a list of IPv4 or IPv6 addresses, e.g. [203.0.113.7], or []"#),
        InvalidCase(
            name: "unspecified listen address with nothing to announce", flags: CommandLineOverrides(listenIPs: ["0.0.0.0"]),
            message: #"udp.announcedIPs = [] (from built-in default): expected at least one address, because udp.listenIPs contains 0.0.0.0, which cannot be put in an ICE candidate"#),
        InvalidCase(
            name: "unknown SRTP profile", environment: ["SWITCHBOARD_SRTP_PROFILES": "SRTP_AEAD_AES_128_GCM,SRTP_NULL_HMAC_SHA1_80"],
            message: #"media.srtpProfiles[1] = "SRTP_NULL_HMAC_SHA1_80" (from environment variable SWITCHBOARD_SRTP_PROFILES): expected a non-empty list without repeats of SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM, SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32 (best first)"#),
        InvalidCase(
            name: "SRTP profile listed twice", yaml: "media:\n  srtpProfiles: [SRTP_AEAD_AES_256_GCM, SRTP_AEAD_AES_256_GCM]\n",
            message: #"media.srtpProfiles = ["SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_256_GCM"] (from {file}): expected a non-empty list without repeats of SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM, SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32 (best first)"#),
        InvalidCase(
            name: "no SRTP profile", yaml: "media:\n  srtpProfiles: []\n",
            message: #"media.srtpProfiles = [] (from {file}): expected a non-empty list without repeats of SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM, SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32 (best first)"#),
        InvalidCase(
            name: "DTLS certificate file that does not exist",
            environment: ["SWITCHBOARD_DTLS_CERTIFICATE_FILE": "/nonexistent/cert.pem", "SWITCHBOARD_DTLS_PRIVATE_KEY_FILE": "/nonexistent/key.pem"],
            message: #"dtls.certificateFile = "/nonexistent/cert.pem" (from environment variable SWITCHBOARD_DTLS_CERTIFICATE_FILE): expected the path of a readable PEM certificate file (with dtls.privateKeyFile), or "" to generate one at start"#),
        InvalidCase(
            name: "DTLS certificate file that is a directory", yaml: "dtls:\n  certificateFile: /\n",
            environment: ["SWITCHBOARD_DTLS_PRIVATE_KEY_FILE": "/nonexistent/key.pem"],
            message: #"dtls.certificateFile = "/" (from {file}): expected the path of a readable PEM certificate file (with dtls.privateKeyFile), or "" to generate one at start"#),
        InvalidCase(
            name: "DTLS certificate file without a private key file", yaml: "dtls:\n  certificateFile: \"\(#filePath)\"\n",
            message: #"dtls.privateKeyFile = "" (from built-in default): expected a PEM file path too, because dtls.certificateFile is set (give both or neither)"#),
        InvalidCase(
            name: "DTLS private key file that does not exist",
            environment: ["SWITCHBOARD_DTLS_CERTIFICATE_FILE": #filePath, "SWITCHBOARD_DTLS_PRIVATE_KEY_FILE": "/nonexistent/key.pem"],
            message: #"dtls.privateKeyFile = "/nonexistent/key.pem" (from environment variable SWITCHBOARD_DTLS_PRIVATE_KEY_FILE): expected the path of a readable PEM private key file (with dtls.certificateFile), or "" to generate one at start"#),
        InvalidCase(
            name: "DTLS private key file without a certificate file", yaml: "dtls:\n  privateKeyFile: /\n",
            message: #"dtls.certificateFile = "" (from built-in default): expected a PEM file path too, because dtls.privateKeyFile is set (give both or neither)"#),
        InvalidCase(
            name: "unknown log level", environment: ["SWITCHBOARD_LOG_LEVEL": "verbose"],
            message: #"log.level = "verbose" (from environment variable SWITCHBOARD_LOG_LEVEL): expected one of trace, debug, info, notice, warning, error, critical"#),
        InvalidCase(
            name: "unknown log format", yaml: "log:\n  format: xml\n",
            message: #"log.format = "xml" (from {file}): expected text or json"#),
        InvalidCase(
            name: "redaction switch not a boolean", environment: ["SWITCHBOARD_LOG_REDACT": "no"],
            message: #"log.redact = "no" (from environment variable SWITCHBOARD_LOG_REDACT): expected true or false"#),
        InvalidCase(
            name: "stats sampled too often", yaml: "stats:\n  sampleIntervalMilliseconds: 50\n",
            message: #"stats.sampleIntervalMilliseconds = "50" (from {file}): expected an integer number of milliseconds 100-60000"#),
        InvalidCase(
            name: "metrics.public not a boolean", yaml: "metrics:\n  public: yes please\n",
            message: #"metrics.public = "yes please" (from {file}): expected true or false"#),
        InvalidCase(
            name: "too many room labels", environment: ["SWITCHBOARD_METRICS_MAX_ROOM_LABELS": "10001"],
            message: #"metrics.maxRoomLabels = "10001" (from environment variable SWITCHBOARD_METRICS_MAX_ROOM_LABELS): expected an integer 0-10000"#),
        InvalidCase(
            name: "shutdown grace over five minutes", yaml: "shutdown:\n  graceSeconds: 301\n",
            message: #"shutdown.graceSeconds = "301" (from {file}): expected an integer number of seconds 0-300"#),
        InvalidCase(
            name: "worker count not a number", flags: CommandLineOverrides(workers: "many"),
            message: #"workers = "many" (from command-line flag --workers): expected a worker count 1-1024, or 0 or auto for one per core"#),
        InvalidCase(
            name: "too many workers", yaml: "workers: 5000\n",
            message: #"workers = "5000" (from {file}): expected a worker count 1-1024, or 0 or auto for one per core"#),
        InvalidCase(
            name: "token secret shorter than 32 bytes", yaml: "auth:\n  tokenSecret: hunter2-hunter2\n",
            message: #"auth.tokenSecret = <secret, 15 bytes> (from {file}): expected at least 32 bytes, or "" to generate a random secret at start"#),
        InvalidCase(
            name: "API key with a space", environment: ["SWITCHBOARD_API_KEYS": "good-key,bad key"],
            message: #"auth.apiKeys[1] = <secret, 7 bytes> (from environment variable SWITCHBOARD_API_KEYS): expected a list of keys made of A-Z a-z 0-9 - . _ ~ + / (trailing = allowed), e.g. [my-key], or []"#),
        InvalidCase(
            name: "API keys given as a scalar", yaml: "auth:\n  apiKeys: single-key\n",
            message: #"auth.apiKeys = <secret, 10 bytes> (from {file}): expected a list of keys made of A-Z a-z 0-9 - . _ ~ + / (trailing = allowed), e.g. [my-key], or []"#),
        InvalidCase(
            name: "token lifetime zero", yaml: "auth:\n  tokenTtlSeconds: 0\n",
            message: #"auth.tokenTtlSeconds = "0" (from {file}): expected an integer number of seconds 1-31536000"#),
        InvalidCase(
            name: "body limit below 1 KiB", environment: ["SWITCHBOARD_MAX_BODY_BYTES": "512"],
            message: #"limits.maxBodyBytes = "512" (from environment variable SWITCHBOARD_MAX_BODY_BYTES): expected an integer number of bytes 1024-16777216"#),
        InvalidCase(
            name: "fractional room limit", yaml: "limits:\n  maxRooms: 2.5\n",
            message: #"limits.maxRooms = "2.5" (from {file}): expected an integer 1-1000000"#),
        InvalidCase(
            name: "participants per room zero", yaml: "limits:\n  maxParticipantsPerRoom: 0\n",
            message: #"limits.maxParticipantsPerRoom = "0" (from {file}): expected an integer 1-10000"#),
        InvalidCase(
            name: "negative empty-room timeout", yaml: "rooms:\n  emptyTimeoutSeconds: -5\n",
            message: #"rooms.emptyTimeoutSeconds = "-5" (from {file}): expected an integer number of seconds 0-604800"#),
        InvalidCase(
            name: "disconnect grace over an hour", environment: ["SWITCHBOARD_ROOM_DISCONNECT_GRACE_SECONDS": "3601"],
            message: #"rooms.disconnectGraceSeconds = "3601" (from environment variable SWITCHBOARD_ROOM_DISCONNECT_GRACE_SECONDS): expected an integer number of seconds 0-3600"#),
        InvalidCase(
            name: "bad host", yaml: "http:\n  host: \"bad host!\"\n",
            message: #"http.host = "bad host!" (from {file}): expected an IP address or host name, e.g. 127.0.0.1"#),
        InvalidCase(
            name: "--http without a port", flags: CommandLineOverrides(httpAddress: "127.0.0.1"),
            message: #"http = "127.0.0.1" (from command-line flag --http): expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080"#),
        InvalidCase(
            name: "--http with an unbracketed IPv6 host", flags: CommandLineOverrides(httpAddress: "::1:8080"),
            message: #"http = "::1:8080" (from command-line flag --http): expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080"#),
        InvalidCase(
            name: "unknown top-level key", yaml: "http:\n  port: 8080\nworkerz: 2\n",
            message: "workerz (from {file}, line 3): unknown key; expected one of: http, udp, workers, auth, log, limits, rooms, media, dtls, stats, metrics, shutdown"),
        InvalidCase(
            name: "unknown nested key", yaml: "udp:\n  port: 40000\n  listenIps: [127.0.0.1]\n",
            message: "udp.listenIps (from {file}, line 3): unknown key; expected one of: udp.port, udp.listenIPs, udp.announcedIPs"),
        InvalidCase(
            name: "section given as a scalar", yaml: "http: 8080\n",
            message: #"http = "8080" (from {file}): expected a mapping with keys host, port"#),
        InvalidCase(
            name: "scalar given as a mapping", yaml: "http:\n  port:\n    number: 8080\n",
            message: "http.port = a mapping (from {file}): expected an integer port 0-65535 (0: any free port)"),
        InvalidCase(
            name: "list given as a scalar", yaml: "udp:\n  listenIPs: 127.0.0.1\n",
            message: #"udp.listenIPs = "127.0.0.1" (from {file}): expected a non-empty list of IPv4 or IPv6 addresses, e.g. [127.0.0.1]"#),
        InvalidCase(
            name: "scalar given as a list", yaml: "log:\n  level: [info]\n",
            message: #"log.level = ["info"] (from {file}): expected one of trace, debug, info, notice, warning, error, critical"#),
        InvalidCase(
            name: "key with no value", yaml: "auth:\n  tokenSecret:\n",
            message: #"auth.tokenSecret = null (from {file}): expected at least 32 bytes, or "" to generate a random secret at start"#),
        InvalidCase(
            name: "top level is a list", yaml: "- http\n- udp\n",
            message: #"config file "{file}" is not valid: the top level must be a mapping of keys such as http: and udp:"#),
    ]

    @Test("invalid settings are refused with a precise message", arguments: cases)
    func invalid(_ invalidCase: InvalidCase) throws {
        let fixture = try ConfigFixture(invalidCase.yaml)
        defer { fixture.remove() }
        var flags = invalidCase.flags
        flags.configPath = fixture.path
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(commandLine: flags, environment: invalidCase.environment, coreCount: 2)
        }
        #expect(error?.description == invalidCase.message.replacingOccurrences(of: "{file}", with: fixture.path))
    }

    @Test("a secret never appears in an error message")
    func secretsStayOutOfErrors() throws {
        let fixture = try ConfigFixture("auth:\n  apiKeys: [\"sekrit key\"]\n  tokenSecret: short-sekrit\n")
        defer { fixture.remove() }
        for environment in [[:], ["SWITCHBOARD_API_KEYS": "fine-key"]] {
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader.load(
                    commandLine: CommandLineOverrides(configPath: fixture.path), environment: environment, coreCount: 2)
            }
            let message = try #require(error).description
            #expect(!message.contains("sekrit"), "\(message)")
        }
    }

    @Test("a config file named with --config must exist")
    func missingExplicitFile() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(
                commandLine: CommandLineOverrides(configPath: "/nonexistent/switchboard.yaml"), environment: [:],
                coreCount: 2)
        }
        #expect(error?.description == #"config file "/nonexistent/switchboard.yaml" (from command-line flag --config) does not exist"#)
    }

    @Test("a config file named by SWITCHBOARD_CONFIG must exist")
    func missingEnvironmentFile() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(
                commandLine: CommandLineOverrides(), environment: ["SWITCHBOARD_CONFIG": "/nonexistent/b.yaml"],
                coreCount: 2)
        }
        #expect(error == .missingFile(path: "/nonexistent/b.yaml", source: .environment(variable: "SWITCHBOARD_CONFIG")))
    }

    @Test("a file that is not YAML is refused, naming the file")
    func malformedYAML() throws {
        let fixture = try ConfigFixture("http: [unclosed\n")
        defer { fixture.remove() }
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(
                commandLine: CommandLineOverrides(configPath: fixture.path), environment: [:], coreCount: 2)
        }
        guard case .malformedFile(let path, _)? = error else {
            Issue.record("expected malformedFile, got \(String(describing: error))")
            return
        }
        #expect(path == fixture.path)
    }

    @Test("a directory given as the config file is refused")
    func directoryAsFile() throws {
        let fixture = try ConfigFixture("")
        defer { fixture.remove() }
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(
                commandLine: CommandLineOverrides(configPath: fixture.directory.path), environment: [:], coreCount: 2)
        }
        #expect(error == .unreadableFile(path: fixture.directory.path, reason: "it is a directory"))
    }
}
