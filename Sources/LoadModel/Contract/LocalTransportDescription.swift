public import ICE
public import RTCWire
public import SDP

/// What one simulated peer's transport writes into its SDP (offer or answer): the host candidate
/// of its own UDP socket, its ICE credentials and its DTLS certificate's fingerprint.
///
/// Invariants: `address` is the address the transport's socket is bound to (one socket per
/// transport, so the server tells transports apart by it); `credentials` are fresh for this
/// transport; `fingerprint` is the sha-256 digest of the certificate the harness's DTLS uses.
public struct LocalTransportDescription: Sendable, Hashable {
    public var address: STUNTransportAddress
    public var credentials: ICECredentials
    public var fingerprint: Fingerprint

    public init(address: STUNTransportAddress, credentials: ICECredentials, fingerprint: Fingerprint) {
        self.address = address
        self.credentials = credentials
        self.fingerprint = fingerprint
    }
}
