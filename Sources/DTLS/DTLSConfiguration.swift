import SRTP

/// What every DTLS endpoint made from one `DTLSContext` shares: our certificate, the DTLS-SRTP
/// profiles in preference order, the datagram size limit and the first retransmission timeout.
///
/// Invariant: none by itself; `DTLSContext.init` validates it (non-empty profiles without
/// duplicates, `mtu` within `mtuRange`, timeout within `initialRetransmissionTimeoutRange`).
public struct DTLSConfiguration: Sendable {
    /// RFC 5764 profiles offered by a client and chosen by a server, best first. A server picks
    /// the first of its own list that the client offers, whatever the client's order.
    public static let defaultSRTPProfiles: [SRTPProfile] = [
        .aeadAes128Gcm, .aeadAes256Gcm, .aes128CmHmacSha1_80, .aes128CmHmacSha1_32,
    ]
    /// The largest UDP payload sent when none is configured (safe on tunnels and IPv6 paths).
    public static let defaultMTU = 1200
    /// Datagram sizes accepted: OpenSSL refuses less than 256 bytes; more than a UDP payload
    /// makes no sense.
    public static let mtuRange: ClosedRange<Int> = 256...65_507
    /// RFC 6347 §4.2.4.1 suggests one second before the first retransmission.
    public static let defaultInitialRetransmissionTimeout: UInt64 = 1_000_000_000
    /// Initial timeouts accepted, in nanoseconds (1 ms to the 60 s every timeout is capped at).
    public static let initialRetransmissionTimeoutRange: ClosedRange<UInt64> = 1_000_000...60_000_000_000

    public var certificate: DTLSCertificate
    public var srtpProfiles: [SRTPProfile]
    /// The largest datagram `pollTransmit` returns; OpenSSL fragments handshake messages to fit.
    public var mtu: Int
    /// Nanoseconds before the first retransmission of a flight; each further one doubles it, up
    /// to 60 s. Tests shorten it because OpenSSL times DTLS retransmissions on its own clock.
    public var initialRetransmissionTimeout: UInt64

    public init(
        certificate: DTLSCertificate,
        srtpProfiles: [SRTPProfile] = DTLSConfiguration.defaultSRTPProfiles,
        mtu: Int = DTLSConfiguration.defaultMTU,
        initialRetransmissionTimeout: UInt64 = DTLSConfiguration.defaultInitialRetransmissionTimeout
    ) {
        self.certificate = certificate
        self.srtpProfiles = srtpProfiles
        self.mtu = mtu
        self.initialRetransmissionTimeout = initialRetransmissionTimeout
    }

    /// Throws `.invalidConfiguration` naming the first value that cannot be used.
    func validate() throws(DTLSError) {
        guard !srtpProfiles.isEmpty else { throw .invalidConfiguration("no SRTP protection profile") }
        guard Set(srtpProfiles).count == srtpProfiles.count else {
            throw .invalidConfiguration("SRTP protection profiles listed twice: \(srtpProfiles)")
        }
        guard Self.mtuRange.contains(mtu) else {
            throw .invalidConfiguration("MTU \(mtu) is outside \(Self.mtuRange.lowerBound)...\(Self.mtuRange.upperBound)")
        }
        guard Self.initialRetransmissionTimeoutRange.contains(initialRetransmissionTimeout) else {
            throw .invalidConfiguration(
                "initial retransmission timeout \(initialRetransmissionTimeout) ns is outside 1 ms...60 s")
        }
    }
}
