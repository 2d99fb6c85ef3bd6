extension ServerConfiguration {
    /// How the start-up log shows a setting's effective value. Secrets show only their size
    /// (and, for the token secret, whether it was generated).
    public func shownValue(of key: SettingKey) -> String {
        switch key {
        case .httpHost: http.host
        case .httpPort: String(http.port)
        case .udpPort: String(udp.basePort)
        case .udpListenIPs: "[" + udp.listenIPs.joined(separator: ", ") + "]"
        case .udpAnnouncedIPs: "[" + udp.announcedIPs.joined(separator: ", ") + "]"
        case .workers: String(workers)
        case .authAPIKeys: "<\(auth.apiKeys.count) key\(auth.apiKeys.count == 1 ? "" : "s"), masked>"
        case .authTokenSecret:
            auth.tokenSecretIsGenerated
                ? "<generated at start, \(auth.tokenSecret.utf8.count) bytes>"
                : "\(ShownValue.masked(byteCount: auth.tokenSecret.utf8.count))"
        case .authTokenTTLSeconds: String(auth.tokenTTLSeconds)
        case .logLevel: logLevel.rawValue
        case .logFormat: logFormat.rawValue
        case .logRedact: String(logRedactsSensitiveData)
        case .limitsMaxRooms: String(limits.maxRooms)
        case .limitsMaxParticipantsPerRoom: String(limits.maxParticipantsPerRoom)
        case .limitsMaxBodyBytes: String(limits.maxBodyBytes)
        case .roomsEmptyTimeoutSeconds: String(rooms.emptyTimeoutSeconds)
        case .roomsDisconnectGraceSeconds: String(rooms.disconnectGraceSeconds)
        case .mediaSRTPProfiles: "[" + media.srtpProfiles.joined(separator: ", ") + "]"
        case .dtlsCertificateFile: dtls.certificateFile ?? "<generated at start>"
        case .dtlsPrivateKeyFile: dtls.privateKeyFile ?? "<generated at start>"
        case .statsSampleIntervalMilliseconds: String(stats.sampleIntervalMilliseconds)
        case .metricsPublic: String(metrics.isPublic)
        case .metricsMaxRoomLabels: String(metrics.maxRoomLabels)
        case .shutdownGraceSeconds: String(shutdown.graceSeconds)
        }
    }
}
