import ICE
import LoadModel
import RTCWire
import SDP

/// Reads the server's side of one BUNDLE transport from its SDP: ICE credentials and
/// fingerprints (media level, else session level, of the first section read), `a=ice-lite`, and
/// the UDP candidates of every section read that the `AddressPolicy` allows, best first, and
/// the data section's `a=max-message-size` (RFC 8841's 65,536 when it says none).
///
/// Invariant: a returned description has credentials, at least one fingerprint and at least one
/// allowed candidate; otherwise `read` throws `SignallingError.malformed` for `step`, naming
/// what is missing (and, for candidates, every candidate seen and the allowed addresses).
struct RemoteTransportReader {
    let step: String

    /// Parses `text`, or throws `malformed` with the parser's line and problem.
    func parse(_ text: String) throws(SignallingError) -> SessionDescription {
        switch SDPParser.parse(text) {
        case .success(let session): return session
        case .failure(let error): throw .malformed(step: step, reason: "SDP: \(error)")
        }
    }

    /// The transport of `sections` (non-empty, of `session`) with `role` as the peer's DTLS role.
    func read(_ session: SessionDescription, sections: [MediaDescription], role: LocalDTLSRole, policy: AddressPolicy)
        throws(SignallingError) -> RemoteTransportDescription
    {
        guard let first = sections.first else { throw .malformed(step: step, reason: "no accepted m-section") }
        let transport = session.resolvedTransport(of: first)
        let credentials = try iceCredentials(transport)
        guard !transport.fingerprints.isEmpty else {
            throw .malformed(step: step, reason: "no a=fingerprint (media or session level)")
        }
        let dataSection = sections.first { $0.kind == .application && $0.port != 0 }
        return RemoteTransportDescription(
            credentials: credentials, fingerprints: transport.fingerprints,
            candidates: try candidates(of: sections, policy: policy), localDTLSRole: role,
            isICELite: session.attributes.iceLite, maxMessageSize: dataSection?.maxMessageSize ?? 65_536)
    }

    /// The `a=setup` of the first of `sections` (media level, else session level).
    func setup(_ session: SessionDescription, sections: [MediaDescription]) -> SetupRole? {
        sections.first.flatMap { session.resolvedTransport(of: $0).setup }
    }

    private func iceCredentials(_ transport: TransportAttributes) throws(SignallingError) -> ICECredentials {
        guard let ufrag = transport.iceUfrag, let pwd = transport.icePwd else {
            throw .malformed(step: step, reason: "no a=ice-ufrag and a=ice-pwd (media or session level)")
        }
        do {
            return try ICECredentials(usernameFragment: ufrag, password: pwd)
        } catch {
            throw .malformed(step: step, reason: "ICE credentials: \(error)")
        }
    }

    private func candidates(of sections: [MediaDescription], policy: AddressPolicy) throws(SignallingError) -> [STUNTransportAddress] {
        var seen: [String] = []
        var allowed: [(address: STUNTransportAddress, priority: UInt32)] = []
        for candidate in sections.flatMap(\.candidates) where candidate.component == 1 {
            let isUDP = candidate.transport.lowercased() == "udp"
            seen.append("\(candidate.address) \(candidate.port) \(candidate.transport) \(candidate.type)")
            guard isUDP, let ip = IPv4Literal.parse(candidate.address) else { continue }
            let address = STUNTransportAddress.ipv4(address: ip, port: candidate.port)
            guard candidate.port != 0, policy.allows(address), !allowed.contains(where: { $0.address == address }) else { continue }
            allowed.append((address, candidate.priority))
        }
        guard !allowed.isEmpty else {
            let permitted = policy.allowedIPv4.sorted().map(IPv4Literal.text).joined(separator: ", ")
            let offered = seen.isEmpty ? "none" : seen.joined(separator: "; ")
            throw .malformed(step: step, reason: "no UDP candidate the run may send to (allowed: \(permitted)); candidates: \(offered)")
        }
        return allowed.sorted { $0.priority > $1.priority }.map(\.address)
    }
}
