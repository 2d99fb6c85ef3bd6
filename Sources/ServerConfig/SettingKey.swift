/// Every setting Switchboard reads: its YAML key, environment variable, shape, default and what a
/// valid value looks like. This table is the whole configuration schema.
///
/// Invariants: `rawValue` is the dotted YAML path (`section.key`, or a bare top-level key);
/// each setting has exactly one environment variable, all prefixed `SWITCHBOARD_`; the file check
/// refuses any YAML key not listed here; `defaultValue` has the setting's shape and passes its own
/// validation.
public enum SettingKey: String, Sendable, Hashable, CaseIterable {
    case httpHost = "http.host"
    case httpPort = "http.port"
    case udpPort = "udp.port"
    case udpListenIPs = "udp.listenIPs"
    case udpAnnouncedIPs = "udp.announcedIPs"
    case workers = "workers"
    case authAPIKeys = "auth.apiKeys"
    case authTokenSecret = "auth.tokenSecret"
    case authTokenTTLSeconds = "auth.tokenTtlSeconds"
    case logLevel = "log.level"
    case logFormat = "log.format"
    case logRedact = "log.redact"
    case limitsMaxRooms = "limits.maxRooms"
    case limitsMaxParticipantsPerRoom = "limits.maxParticipantsPerRoom"
    case limitsMaxBodyBytes = "limits.maxBodyBytes"
    case roomsEmptyTimeoutSeconds = "rooms.emptyTimeoutSeconds"
    case roomsDisconnectGraceSeconds = "rooms.disconnectGraceSeconds"
    case mediaSRTPProfiles = "media.srtpProfiles"
    case dtlsCertificateFile = "dtls.certificateFile"
    case dtlsPrivateKeyFile = "dtls.privateKeyFile"
    case statsSampleIntervalMilliseconds = "stats.sampleIntervalMilliseconds"
    case metricsPublic = "metrics.public"
    case metricsMaxRoomLabels = "metrics.maxRoomLabels"
    case shutdownGraceSeconds = "shutdown.graceSeconds"

    /// Whether the YAML value is a single scalar or a list of scalars.
    public enum Shape: Sendable {
        case scalar
        case list
    }

    /// The environment variable that overrides the file; lists are comma-separated.
    public var environmentVariable: String {
        switch self {
        case .httpHost: "SWITCHBOARD_HTTP_HOST"
        case .httpPort: "SWITCHBOARD_HTTP_PORT"
        case .udpPort: "SWITCHBOARD_UDP_PORT"
        case .udpListenIPs: "SWITCHBOARD_LISTEN_IPS"
        case .udpAnnouncedIPs: "SWITCHBOARD_ANNOUNCED_IPS"
        case .workers: "SWITCHBOARD_WORKERS"
        case .authAPIKeys: "SWITCHBOARD_API_KEYS"
        case .authTokenSecret: "SWITCHBOARD_TOKEN_SECRET"
        case .authTokenTTLSeconds: "SWITCHBOARD_TOKEN_TTL_SECONDS"
        case .logLevel: "SWITCHBOARD_LOG_LEVEL"
        case .logFormat: "SWITCHBOARD_LOG_FORMAT"
        case .logRedact: "SWITCHBOARD_LOG_REDACT"
        case .limitsMaxRooms: "SWITCHBOARD_MAX_ROOMS"
        case .limitsMaxParticipantsPerRoom: "SWITCHBOARD_MAX_PARTICIPANTS_PER_ROOM"
        case .limitsMaxBodyBytes: "SWITCHBOARD_MAX_BODY_BYTES"
        case .roomsEmptyTimeoutSeconds: "SWITCHBOARD_ROOM_EMPTY_TIMEOUT_SECONDS"
        case .roomsDisconnectGraceSeconds: "SWITCHBOARD_ROOM_DISCONNECT_GRACE_SECONDS"
        case .mediaSRTPProfiles: "SWITCHBOARD_SRTP_PROFILES"
        case .dtlsCertificateFile: "SWITCHBOARD_DTLS_CERTIFICATE_FILE"
        case .dtlsPrivateKeyFile: "SWITCHBOARD_DTLS_PRIVATE_KEY_FILE"
        case .statsSampleIntervalMilliseconds: "SWITCHBOARD_STATS_SAMPLE_INTERVAL_MS"
        case .metricsPublic: "SWITCHBOARD_METRICS_PUBLIC"
        case .metricsMaxRoomLabels: "SWITCHBOARD_METRICS_MAX_ROOM_LABELS"
        case .shutdownGraceSeconds: "SWITCHBOARD_SHUTDOWN_GRACE_SECONDS"
        }
    }

    public var shape: Shape {
        switch self {
        case .udpListenIPs, .udpAnnouncedIPs, .authAPIKeys, .mediaSRTPProfiles: .list
        default: .scalar
        }
    }

    /// Secrets are never printed; errors and the start-up log show only their size.
    public var isSecret: Bool {
        self == .authAPIKeys || self == .authTokenSecret
    }

    /// The YAML path split at dots, e.g. `["http", "port"]`.
    public var components: [String] {
        rawValue.split(separator: ".").map(String.init)
    }

    /// The value used when no flag, variable or file sets this one.
    public var defaultValue: RawSettingValue {
        switch self {
        case .httpHost: .scalar("127.0.0.1")
        case .httpPort: .scalar("8080")
        case .udpPort: .scalar("40000")
        case .udpListenIPs: .list(["127.0.0.1"])
        case .udpAnnouncedIPs: .list([])
        case .workers: .scalar("auto")
        case .authAPIKeys: .list([])
        case .authTokenSecret: .scalar("")
        case .authTokenTTLSeconds: .scalar("86400")
        case .logLevel: .scalar("info")
        case .logFormat: .scalar("text")
        case .logRedact: .scalar("true")
        case .limitsMaxRooms: .scalar("1000")
        case .limitsMaxParticipantsPerRoom: .scalar("100")
        case .limitsMaxBodyBytes: .scalar("65536")
        case .roomsEmptyTimeoutSeconds: .scalar("300")
        case .roomsDisconnectGraceSeconds: .scalar("20")
        case .mediaSRTPProfiles: .list(Self.srtpProfileNames)
        case .dtlsCertificateFile, .dtlsPrivateKeyFile: .scalar("")
        case .statsSampleIntervalMilliseconds: .scalar("1000")
        case .metricsPublic: .scalar("false")
        case .metricsMaxRoomLabels: .scalar("100")
        case .shutdownGraceSeconds: .scalar("10")
        }
    }

    /// The accepted range of an integer setting; nil for the others.
    var integerRange: ClosedRange<Int>? {
        switch self {
        case .httpPort: 0...65535
        case .udpPort: 1...65535
        case .authTokenTTLSeconds: 1...31_536_000
        case .limitsMaxRooms: 1...1_000_000
        case .limitsMaxParticipantsPerRoom: 1...10_000
        case .limitsMaxBodyBytes: 1024...16_777_216
        case .roomsEmptyTimeoutSeconds: 0...604_800
        case .roomsDisconnectGraceSeconds: 0...3600
        case .statsSampleIntervalMilliseconds: 100...60_000
        case .metricsMaxRoomLabels: 0...10_000
        case .shutdownGraceSeconds: 0...300
        default: nil
        }
    }

    /// What a valid value looks like, as the end of `expected …` in an error message.
    public var expectation: String {
        switch self {
        case .httpHost: "an IP address or host name, e.g. 127.0.0.1"
        case .httpPort: "an integer port 0-65535 (0: any free port)"
        case .udpPort: "an integer port 1-65535"
        case .udpListenIPs: "a non-empty list of IPv4 or IPv6 addresses, e.g. [127.0.0.1]"
        case .udpAnnouncedIPs: "a list of IPv4 or IPv6 addresses, e.g. [203.0.113.7], or []"
        case .workers: "a worker count 1-\(Self.maxWorkers), or 0 or auto for one per core"
        case .authAPIKeys:
            "a list of keys made of A-Z a-z 0-9 - . _ ~ + / (trailing = allowed), e.g. [my-key], or []"
        case .authTokenSecret: "at least \(Self.minimumTokenSecretBytes) bytes, or \"\" to generate a random secret at start"
        case .authTokenTTLSeconds: "an integer number of seconds 1-31536000"
        case .logLevel: "one of trace, debug, info, notice, warning, error, critical"
        case .logFormat: "text or json"
        case .logRedact: "true or false"
        case .limitsMaxRooms: "an integer 1-1000000"
        case .limitsMaxParticipantsPerRoom: "an integer 1-10000"
        case .limitsMaxBodyBytes: "an integer number of bytes 1024-16777216"
        case .roomsEmptyTimeoutSeconds: "an integer number of seconds 0-604800"
        case .roomsDisconnectGraceSeconds: "an integer number of seconds 0-3600"
        case .mediaSRTPProfiles:
            "a non-empty list without repeats of " + Self.srtpProfileNames.joined(separator: ", ") + " (best first)"
        case .dtlsCertificateFile:
            "the path of a readable PEM certificate file (with dtls.privateKeyFile), or \"\" to generate one at start"
        case .dtlsPrivateKeyFile:
            "the path of a readable PEM private key file (with dtls.certificateFile), or \"\" to generate one at start"
        case .statsSampleIntervalMilliseconds: "an integer number of milliseconds 100-60000"
        case .metricsPublic: "true or false"
        case .metricsMaxRoomLabels: "an integer 0-10000"
        case .shutdownGraceSeconds: "an integer number of seconds 0-300"
        }
    }

    /// The DTLS-SRTP profiles the server can negotiate, by IANA name, in the default order of
    /// preference (the server picks the first one the client offers).
    public static let srtpProfileNames = [
        "SRTP_AEAD_AES_128_GCM", "SRTP_AEAD_AES_256_GCM", "SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AES128_CM_HMAC_SHA1_32",
    ]

    /// Upper bound of `workers`.
    public static let maxWorkers = 1024

    /// Shortest accepted HS256 secret (RFC 7518 section 3.2: a key as long as the hash output).
    public static let minimumTokenSecretBytes = 32

    /// The environment variable naming another config file than the default.
    public static let configFileEnvironmentVariable = "SWITCHBOARD_CONFIG"
}

/// A setting's value before validation: what a flag, variable, file or default supplied.
public enum RawSettingValue: Sendable, Hashable {
    case scalar(String)
    case list([String])
}
