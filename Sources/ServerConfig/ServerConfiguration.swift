public import Logging

/// The server's validated, effective configuration.
///
/// Invariants (established by ``ConfigurationLoader``): ports are in range and
/// `udp.basePort + workers - 1 <= 65535`; every address in `udp` is an IP literal and
/// `udp.listenIPs` is not empty; `workers >= 1`; every API key is a non-empty RFC 6750 token;
/// `auth.tokenSecret` has at least 32 bytes; every limit is positive.
public struct ServerConfiguration: Sendable, Hashable {
    /// The control plane's HTTP listener.
    public struct HTTP: Sendable, Hashable {
        /// An IP literal or a host name to bind.
        public var host: String
        /// 0 asks the kernel for a free port (the ready line logs the real one).
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// The media (UDP) sockets: worker k binds `basePort + k` on every listen address.
    public struct UDP: Sendable, Hashable {
        public var basePort: Int
        public var listenIPs: [String]
        /// Addresses put in ICE candidates in place of the listen addresses (NAT, `0.0.0.0`);
        /// empty: the listen addresses are announced.
        public var announcedIPs: [String]

        public init(basePort: Int, listenIPs: [String], announcedIPs: [String]) {
            self.basePort = basePort
            self.listenIPs = listenIPs
            self.announcedIPs = announcedIPs
        }
    }

    /// Credentials: operator keys and the participant-token signing secret.
    public struct Auth: Sendable, Hashable {
        /// The operator key in the shipped `config/switchboard.yaml`, for local development only;
        /// the server warns when it is in use.
        public static let developmentAPIKey = "dev-operator-key"

        /// Operator keys accepted as `Authorization: Bearer <key>`.
        public var apiKeys: [String]
        /// HS256 secret for participant tokens (UTF-8 bytes of the string).
        public var tokenSecret: String
        /// True when no secret was configured and one was generated at start: tokens then do
        /// not survive a restart.
        public var tokenSecretIsGenerated: Bool
        /// Default participant-token lifetime.
        public var tokenTTLSeconds: Int

        public init(apiKeys: [String], tokenSecret: String, tokenSecretIsGenerated: Bool, tokenTTLSeconds: Int) {
            self.apiKeys = apiKeys
            self.tokenSecret = tokenSecret
            self.tokenSecretIsGenerated = tokenSecretIsGenerated
            self.tokenTTLSeconds = tokenTTLSeconds
        }
    }

    /// Capacity limits enforced by the control plane.
    public struct Limits: Sendable, Hashable {
        public var maxRooms: Int
        /// Default for a room's `maxParticipants` when the create call omits it.
        public var maxParticipantsPerRoom: Int
        /// Largest request body accepted (JSON or SDP); larger ones get 413.
        public var maxBodyBytes: Int

        public init(maxRooms: Int, maxParticipantsPerRoom: Int, maxBodyBytes: Int) {
            self.maxRooms = maxRooms
            self.maxParticipantsPerRoom = maxParticipantsPerRoom
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// Room life cycle.
    public struct Rooms: Sendable, Hashable {
        /// How long a room with no participant is kept before it closes (0: at once).
        public var emptyTimeoutSeconds: Int
        /// How long a participant whose transports all went away on their own (after one had
        /// connected) may take to reconnect before it is removed (0: at once).
        public var disconnectGraceSeconds: Int

        public init(emptyTimeoutSeconds: Int, disconnectGraceSeconds: Int = 20) {
            self.emptyTimeoutSeconds = emptyTimeoutSeconds
            self.disconnectGraceSeconds = disconnectGraceSeconds
        }
    }

    /// Media transports.
    public struct Media: Sendable, Hashable {
        /// DTLS-SRTP profiles by IANA name (`SettingKey.srtpProfileNames`), best first.
        public var srtpProfiles: [String]
        public init(srtpProfiles: [String] = SettingKey.srtpProfileNames) {
            self.srtpProfiles = srtpProfiles
        }
    }

    /// The DTLS certificate: loaded from two PEM files, or generated at start (ECDSA P-256).
    public struct DTLS: Sendable, Hashable {
        /// The PEM certificate file, or nil: a self-signed certificate is made at start. Both
        /// files are set or neither; set, they named readable files when the configuration was
        /// loaded.
        public var certificateFile: String?
        /// The PEM private key file of `certificateFile`.
        public var privateKeyFile: String?

        public init(certificateFile: String? = nil, privateKeyFile: String? = nil) {
            self.certificateFile = certificateFile
            self.privateKeyFile = privateKeyFile
        }
    }

    /// How log lines are written.
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        /// One human-readable line per event, metadata as `key=value`.
        case text
        /// One JSON object per line (`timestamp`, `level`, `label`, `message`, metadata fields).
        case json
    }

    /// Operator statistics (`GET /v1/stats`, `/metrics`, the dashboard).
    public struct Stats: Sendable, Hashable {
        /// How often the workers' counters are sampled; rates come from the last two samples.
        public var sampleIntervalMilliseconds: Int

        public init(sampleIntervalMilliseconds: Int = 1000) {
            self.sampleIntervalMilliseconds = sampleIntervalMilliseconds
        }
    }

    /// The Prometheus endpoint.
    public struct Metrics: Sendable, Hashable {
        /// True: `GET /metrics` answers without credentials; false: it needs an operator key.
        public var isPublic: Bool
        /// Per-room series carry a `room` label only while at most this many rooms are open
        /// (0: never), so that the number of series stays bounded.
        public var maxRoomLabels: Int

        public init(isPublic: Bool = false, maxRoomLabels: Int = 100) {
            self.isPublic = isPublic
            self.maxRoomLabels = maxRoomLabels
        }
    }

    /// The graceful shutdown after SIGTERM or SIGINT.
    public struct Shutdown: Sendable, Hashable {
        /// At most this long passes between the signal and the process exit.
        public var graceSeconds: Int

        public init(graceSeconds: Int = 10) {
            self.graceSeconds = graceSeconds
        }
    }

    public var http: HTTP
    public var udp: UDP
    /// Number of media worker threads.
    public var workers: Int
    public var auth: Auth
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// True (the default): log lines show no IP address, port or ICE credential; false only for
    /// debugging.
    public var logRedactsSensitiveData: Bool
    public var limits: Limits
    public var rooms: Rooms
    public var media: Media
    public var dtls: DTLS
    public var stats: Stats
    public var metrics: Metrics
    public var shutdown: Shutdown

    public init(
        http: HTTP,
        udp: UDP,
        workers: Int,
        auth: Auth,
        logLevel: Logger.Level,
        limits: Limits,
        rooms: Rooms,
        media: Media = Media(),
        dtls: DTLS = DTLS(),
        logFormat: LogFormat = .text,
        logRedactsSensitiveData: Bool = true,
        stats: Stats = Stats(),
        metrics: Metrics = Metrics(),
        shutdown: Shutdown = Shutdown()
    ) {
        self.http = http
        self.udp = udp
        self.workers = workers
        self.auth = auth
        self.logLevel = logLevel
        self.limits = limits
        self.rooms = rooms
        self.media = media
        self.dtls = dtls
        self.logFormat = logFormat
        self.logRedactsSensitiveData = logRedactsSensitiveData
        self.stats = stats
        self.metrics = metrics
        self.shutdown = shutdown
    }
}
