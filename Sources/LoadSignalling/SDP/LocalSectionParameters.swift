import ICE
import LoadModel
import RTCWire
import SDP

/// What every media section a simulated peer writes says about its transport: the address of
/// its socket (in `c=`, the `m=` port and the one host candidate), its ICE credentials and
/// fingerprint, and the DTLS role it asks for.
///
/// Invariant: `address` is the text form of `local.address` without the port (no brackets for
/// IPv6).
struct LocalSectionParameters {
    let local: LocalTransportDescription
    let address: String

    /// RFC 8445 §5.1.2.1 priority of a host candidate: type preference 126, local preference
    /// 65535, component 1.
    static let hostPriority: UInt32 = 126 << 24 | 65_535 << 8 | 255

    init(local: LocalTransportDescription) {
        self.local = local
        switch local.address {
        case .ipv4(let address, _):
            self.address = IPv4Literal.text(address)
        case .ipv6:
            let text = local.address.description
            self.address = String(text.dropFirst().prefix { $0 != "]" })
        }
    }

    var port: UInt16 { local.address.port }

    var connection: ConnectionData { ConnectionData(ipAddress: address) }

    func transport(setup: SetupRole) -> TransportAttributes {
        TransportAttributes(
            iceUfrag: local.credentials.usernameFragment, icePwd: local.credentials.password,
            fingerprints: [local.fingerprint], setup: setup)
    }

    var candidate: Candidate {
        Candidate(foundation: "1", component: 1, transport: "udp", priority: Self.hostPriority,
                  address: address, port: port, type: .host)
    }

    /// Fills the transport lines of `section`: `c=`, port, ICE, DTLS, rtcp-mux (RTP only) and
    /// the candidate.
    func apply(to section: inout MediaDescription, setup: SetupRole) {
        section.port = port
        section.connection = connection
        section.transport = transport(setup: setup)
        section.rtcpMux = section.isRTP
        section.candidates = [candidate]
        section.endOfCandidates = true
    }

    /// A session description around `media`, with a BUNDLE group of `bundle`.
    func session(media: [MediaDescription], bundle: [Mid], msidStream: String?) -> SessionDescription {
        var attributes = SessionAttributes()
        if !bundle.isEmpty { attributes.groups = [MediaGroup(semantics: "BUNDLE", mids: bundle)] }
        if let msidStream { attributes.msidSemantics = [MsidSemantic(rawValue: "WMS \(msidStream)")] }
        let origin = Origin(sessionID: String(UInt64.random(in: 1...UInt64(Int64.max))), sessionVersion: 1,
                            addressType: address.contains(":") ? "IP6" : "IP4", address: address)
        return SessionDescription(origin: origin, attributes: attributes, media: media)
    }
}
