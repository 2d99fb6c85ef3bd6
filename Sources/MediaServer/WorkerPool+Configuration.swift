import DTLS
public import Logging
public import ServerConfig
import SRTP

extension WorkerPool {
    /// The pool the configuration describes: `workers` threads on `udp.port + k`, the
    /// certificate of `dtls.certificateFile`/`dtls.privateKeyFile` or else one fresh self-signed
    /// certificate for the process, the configured SRTP profiles.
    public convenience init(configuration: ServerConfiguration, logger: Logger) throws(MediaServerError) {
        var profiles: [SRTPProfile] = []
        for name in configuration.media.srtpProfiles {
            guard let profile = SRTPProfile.allCases.first(where: { $0.ianaName == name }) else {
                throw .unknownSRTPProfile(name)
            }
            profiles.append(profile)
        }
        let certificate: DTLSCertificate
        if let certificateFile = configuration.dtls.certificateFile, let privateKeyFile = configuration.dtls.privateKeyFile {
            do {
                certificate = try DTLSCertificate(certificateFile: certificateFile, privateKeyFile: privateKeyFile)
            } catch {
                throw .certificateFiles(certificateFile: certificateFile, privateKeyFile: privateKeyFile, reason: error.description)
            }
        } else {
            do {
                certificate = try DTLSCertificate.selfSigned()
            } catch {
                throw .badCertificate(error.description)
            }
        }
        let context: DTLSContext
        do {
            context = try DTLSContext(configuration: DTLSConfiguration(certificate: certificate, srtpProfiles: profiles))
        } catch {
            throw .badCertificate(error.description)
        }
        try self.init(
            workerCount: configuration.workers, udpBasePort: configuration.udp.basePort, listenIPs: configuration.udp.listenIPs,
            announcedIPs: configuration.udp.announcedIPs, dtlsContext: context, logger: logger)
    }
}
