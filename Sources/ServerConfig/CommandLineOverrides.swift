/// The settings given as command-line flags, as typed (validation happens in the loader, so a bad
/// flag gets the same `config error` message and exit code as a bad file value).
///
/// Invariant: nil or an empty list means "flag not given".
public struct CommandLineOverrides: Sendable, Hashable {
    /// `--config FILE`
    public var configPath: String?
    /// `--http HOST:PORT`
    public var httpAddress: String?
    /// `--udp-port PORT`
    public var udpPort: String?
    /// `--listen-ip IP`, repeatable.
    public var listenIPs: [String]
    /// `--announced-ip IP`, repeatable.
    public var announcedIPs: [String]
    /// `--workers N`
    public var workers: String?
    /// `--log-level LEVEL`
    public var logLevel: String?
    /// `--log-unredacted`: log addresses and ICE credentials (debugging only).
    public var logUnredacted: Bool

    public init(
        configPath: String? = nil,
        httpAddress: String? = nil,
        udpPort: String? = nil,
        listenIPs: [String] = [],
        announcedIPs: [String] = [],
        workers: String? = nil,
        logLevel: String? = nil,
        logUnredacted: Bool = false
    ) {
        self.configPath = configPath
        self.httpAddress = httpAddress
        self.udpPort = udpPort
        self.listenIPs = listenIPs
        self.announcedIPs = announcedIPs
        self.workers = workers
        self.logLevel = logLevel
        self.logUnredacted = logUnredacted
    }

    /// The flag that sets `key`, if any.
    public static func flag(for key: SettingKey) -> String? {
        switch key {
        case .httpHost, .httpPort: "--http"
        case .udpPort: "--udp-port"
        case .udpListenIPs: "--listen-ip"
        case .udpAnnouncedIPs: "--announced-ip"
        case .workers: "--workers"
        case .logLevel: "--log-level"
        case .logRedact: "--log-unredacted"
        default: nil
        }
    }

    /// The raw values these flags set, keyed by setting; `--http` is split into host and port.
    func rawValues() throws(ConfigurationError) -> [SettingKey: RawSettingValue] {
        var values: [SettingKey: RawSettingValue] = [:]
        if let httpAddress {
            guard let (host, port) = SettingParsers.splitHostPort(httpAddress) else {
                throw .invalidValue(
                    key: "http", value: .text(httpAddress), source: .commandLine(flag: "--http"),
                    expected: "HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")
            }
            values[.httpHost] = .scalar(host)
            values[.httpPort] = .scalar(port)
        }
        if let udpPort { values[.udpPort] = .scalar(udpPort) }
        if !listenIPs.isEmpty { values[.udpListenIPs] = .list(listenIPs) }
        if !announcedIPs.isEmpty { values[.udpAnnouncedIPs] = .list(announcedIPs) }
        if let workers { values[.workers] = .scalar(workers) }
        if let logLevel { values[.logLevel] = .scalar(logLevel) }
        if logUnredacted { values[.logRedact] = .scalar("false") }
        return values
    }
}
