/// How a `LoadPeerPool` is set up: its threads, the sockets it binds up front, the SRTP
/// profiles its DTLS offers and how long a transport may take to connect.
///
/// Invariants (checked by `LoadPeerPool.init`): `threads` ≥ 1; `transportCapacity` and
/// `dataChannelCapacity` ≥ 0; every name in `srtpProfiles` is an SRTP profile (IANA name, or
/// OpenSSL's spelling of the AES-CM ones), none twice, at least one.
public struct LoadPeerPoolConfiguration: Sendable {
    /// Harness worker threads, ≥ 1.
    public var threads: Int
    /// Transports the run may open (one socket each, bound up front, spread over the threads).
    public var transportCapacity: Int
    /// The IPv4 address every socket binds to (host byte order); default 127.0.0.1.
    public var bindIPv4: UInt32
    /// SRTP profiles offered by DTLS, in this order, e.g. ["SRTP_AES128_CM_SHA1_80"].
    public var srtpProfiles: [String]
    /// ICE and DTLS must both finish within it, else the transport fails.
    public var connectTimeout: Duration
    /// Further sockets on worker thread 0 for transports opened with `dataChannel: true` (all
    /// of which live on thread 0, the one thread that may run usrsctp); such transports take
    /// these first, then thread 0's share of `transportCapacity`. Default 0.
    public var dataChannelCapacity: Int

    public init(threads: Int, transportCapacity: Int, bindIPv4: UInt32 = 0x7F00_0001,
                srtpProfiles: [String] = ["SRTP_AES128_CM_SHA1_80", "SRTP_AEAD_AES_128_GCM"], connectTimeout: Duration = .seconds(15)) {
        self.threads = threads
        self.transportCapacity = transportCapacity
        self.bindIPv4 = bindIPv4
        self.srtpProfiles = srtpProfiles
        self.connectTimeout = connectTimeout
        dataChannelCapacity = 0
    }
}
