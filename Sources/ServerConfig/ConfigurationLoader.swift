import Foundation

/// Builds the server's configuration from, highest priority first: command-line flags,
/// `SWITCHBOARD_*` environment variables, the YAML config file, built-in defaults.
///
/// Pure apart from reading the config file, checking that the DTLS certificate files exist, and
/// generating a token secret when none is set: the environment and core count are passed in, so
/// tests control them.
public enum ConfigurationLoader {
    /// The config file read when neither `--config` nor `SWITCHBOARD_CONFIG` names one.
    public static var defaultConfigPath: String { ConfigFile.defaultPath }

    /// Loads and validates the configuration; the first problem found is thrown.
    /// - Parameters:
    ///   - environment: the process environment (only `SWITCHBOARD_*` names are read).
    ///   - coreCount: what `workers: auto` (or 0) resolves to.
    public static func load(
        commandLine: CommandLineOverrides,
        environment: [String: String],
        coreCount: Int
    ) throws(ConfigurationError) -> LoadedConfiguration {
        var notices: [ConfigurationNotice] = []
        let file = ConfigFile(commandLinePath: commandLine.configPath, environment: environment)
        var layers = [ConfigLayer.commandLine(try commandLine.rawValues()), ConfigLayer.environment(environment)]
        switch try file.load() {
        case .absent: notices.append(.noConfigFile(path: file.path))
        case .empty: break
        case .settings(let layer): layers.append(layer)
        }
        var resolver = SettingResolver(layers: layers)

        let http = ServerConfiguration.HTTP(
            host: try resolver.scalar(.httpHost) { SettingParsers.isHost($0) ? $0 : nil },
            port: try resolver.integer(.httpPort))
        let workers = try resolver.scalar(.workers) { SettingParsers.workerCount($0, coreCount: coreCount) }
        let udp = try udpSettings(&resolver, workers: workers)

        let apiKeys = try resolver.list(.authAPIKeys, SettingParsers.isBearerToken)
        let configuredSecret = try resolver.scalar(.authTokenSecret) { secret in
            secret.isEmpty || secret.utf8.count >= SettingKey.minimumTokenSecretBytes ? secret : nil
        }
        let auth = ServerConfiguration.Auth(
            apiKeys: apiKeys,
            tokenSecret: configuredSecret.isEmpty ? generatedTokenSecret() : configuredSecret,
            tokenSecretIsGenerated: configuredSecret.isEmpty,
            tokenTTLSeconds: try resolver.integer(.authTokenTTLSeconds))
        let logLevel = try resolver.scalar(.logLevel, SettingParsers.logLevel)
        let limits = ServerConfiguration.Limits(
            maxRooms: try resolver.integer(.limitsMaxRooms),
            maxParticipantsPerRoom: try resolver.integer(.limitsMaxParticipantsPerRoom),
            maxBodyBytes: try resolver.integer(.limitsMaxBodyBytes))
        let rooms = ServerConfiguration.Rooms(
            emptyTimeoutSeconds: try resolver.integer(.roomsEmptyTimeoutSeconds),
            disconnectGraceSeconds: try resolver.integer(.roomsDisconnectGraceSeconds))
        let media = ServerConfiguration.Media(srtpProfiles: try srtpProfiles(&resolver))
        let dtls = try dtlsSettings(&resolver)
        let logFormat = try resolver.scalar(.logFormat) { ServerConfiguration.LogFormat(rawValue: $0.lowercased()) }
        let logRedacts = try resolver.scalar(.logRedact, SettingParsers.boolean)
        let stats = ServerConfiguration.Stats(sampleIntervalMilliseconds: try resolver.integer(.statsSampleIntervalMilliseconds))
        let metrics = ServerConfiguration.Metrics(
            isPublic: try resolver.scalar(.metricsPublic, SettingParsers.boolean),
            maxRoomLabels: try resolver.integer(.metricsMaxRoomLabels))
        let shutdown = ServerConfiguration.Shutdown(graceSeconds: try resolver.integer(.shutdownGraceSeconds))

        if auth.tokenSecretIsGenerated {
            notices.append(.generatedTokenSecret)
        }
        if apiKeys.isEmpty {
            notices.append(.noAPIKeys)
        } else if apiKeys.contains(ServerConfiguration.Auth.developmentAPIKey) {
            notices.append(.developmentAPIKey(source: resolver.sources[.authAPIKeys] ?? .defaultValue))
        }
        let knownVariables = Set(SettingKey.allCases.map(\.environmentVariable) + [SettingKey.configFileEnvironmentVariable])
        for name in environment.keys.sorted() where name.hasPrefix("SWITCHBOARD_") && !knownVariables.contains(name) {
            notices.append(.unknownEnvironmentVariable(name: name))
        }

        let configuration = ServerConfiguration(
            http: http, udp: udp, workers: workers, auth: auth, logLevel: logLevel, limits: limits, rooms: rooms, media: media,
            dtls: dtls, logFormat: logFormat, logRedactsSensitiveData: logRedacts, stats: stats, metrics: metrics,
            shutdown: shutdown)
        return LoadedConfiguration(configuration: configuration, sources: resolver.sources, notices: notices)
    }

    /// The SRTP profile names: known ones, at least one, none twice.
    private static func srtpProfiles(_ resolver: inout SettingResolver) throws(ConfigurationError) -> [String] {
        let names = try resolver.list(.mediaSRTPProfiles) { SettingKey.srtpProfileNames.contains($0) }
        guard !names.isEmpty, Set(names).count == names.count else {
            throw .invalidValue(
                key: SettingKey.mediaSRTPProfiles.rawValue, value: .list(names),
                source: resolver.sources[.mediaSRTPProfiles] ?? .defaultValue,
                expected: SettingKey.mediaSRTPProfiles.expectation)
        }
        return names
    }

    /// The DTLS certificate files: both or neither, each an existing regular file.
    private static func dtlsSettings(_ resolver: inout SettingResolver) throws(ConfigurationError) -> ServerConfiguration.DTLS {
        let certificate = try resolver.scalar(.dtlsCertificateFile) { $0 }
        let privateKey = try resolver.scalar(.dtlsPrivateKeyFile) { $0 }
        for (key, path, other) in [
            (SettingKey.dtlsCertificateFile, certificate, SettingKey.dtlsPrivateKeyFile),
            (.dtlsPrivateKeyFile, privateKey, .dtlsCertificateFile),
        ] {
            let source = resolver.sources[key] ?? .defaultValue
            if path.isEmpty {
                if !(key == .dtlsCertificateFile ? privateKey : certificate).isEmpty {
                    throw .invalidValue(
                        key: key.rawValue, value: .text(path), source: source,
                        expected: "a PEM file path too, because \(other.rawValue) is set (give both or neither)")
                }
            } else if !isReadableFile(path) {
                throw .invalidValue(key: key.rawValue, value: .text(path), source: source, expected: key.expectation)
            }
        }
        guard !certificate.isEmpty else { return ServerConfiguration.DTLS() }
        return ServerConfiguration.DTLS(certificateFile: certificate, privateKeyFile: privateKey)
    }

    /// Whether `path` names a regular file this process can read.
    private static func isReadableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isReadableFile(atPath: path)
    }

    /// The UDP settings, checked against each other and the worker count.
    private static func udpSettings(_ resolver: inout SettingResolver, workers: Int) throws(ConfigurationError)
        -> ServerConfiguration.UDP
    {
        let basePort = try resolver.integer(.udpPort)
        if basePort + workers - 1 > 65535 {
            throw .invalidValue(
                key: SettingKey.udpPort.rawValue, value: .text(String(basePort)),
                source: resolver.sources[.udpPort] ?? .defaultValue,
                expected: "a base port with port + workers - 1 <= 65535 (workers = \(workers))")
        }
        let listenIPs = try resolver.list(.udpListenIPs, SettingParsers.isIPAddress)
        if listenIPs.isEmpty {
            throw .invalidValue(
                key: SettingKey.udpListenIPs.rawValue, value: .list([]),
                source: resolver.sources[.udpListenIPs] ?? .defaultValue, expected: SettingKey.udpListenIPs.expectation)
        }
        let announcedIPs = try resolver.list(.udpAnnouncedIPs, SettingParsers.isIPAddress)
        if announcedIPs.isEmpty, let unspecified = listenIPs.first(where: SettingParsers.isUnspecifiedIPAddress) {
            throw .invalidValue(
                key: SettingKey.udpAnnouncedIPs.rawValue, value: .list([]),
                source: resolver.sources[.udpAnnouncedIPs] ?? .defaultValue,
                expected: "at least one address, because udp.listenIPs contains \(unspecified), "
                    + "which cannot be put in an ICE candidate")
        }
        return ServerConfiguration.UDP(basePort: basePort, listenIPs: listenIPs, announcedIPs: announcedIPs)
    }

    /// 32 random bytes from the system's CSPRNG, hex-encoded (64 bytes of secret text).
    private static func generatedTokenSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
