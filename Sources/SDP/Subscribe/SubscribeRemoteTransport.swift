import RTCWire

/// Reads and checks the subscriber's ICE and DTLS parameters from its answer.
enum SubscribeRemoteTransport {
    /// The parameters of the BUNDLE-tagged section `tagged` (media level first, then session
    /// level): RFC 8839 ICE credentials, the sha-256/384/512 fingerprints, and a setup role of
    /// `active` or `passive` (absent means `active`).
    static func read(answer: SessionDescription, tagged: MediaDescription, mid: Mid) throws(SubscribeAnswerError) -> RemoteTransportParameters {
        let transport = answer.resolvedTransport(of: tagged)
        guard let ufrag = transport.iceUfrag, let pwd = transport.icePwd else { throw .iceCredentialsMissing(mid: mid) }
        guard ICECharacters.isICEString(ufrag, length: 4...256), ICECharacters.isICEString(pwd, length: 22...256) else {
            throw .iceCredentialsInvalid(mid: mid)
        }
        let fingerprints = transport.fingerprints.filter { [.sha256, .sha384, .sha512].contains($0.algorithm) }
        guard !fingerprints.isEmpty else { throw .fingerprintMissing(mid: mid) }
        let setup = transport.setup ?? .active
        guard setup == .active || setup == .passive else { throw .setupRoleUnusable(mid: mid, role: setup) }
        return RemoteTransportParameters(
            iceUfrag: ufrag, icePwd: pwd, iceOptions: transport.iceOptions, iceLite: answer.attributes.iceLite,
            fingerprints: fingerprints, setup: setup, candidates: tagged.candidates, endOfCandidates: tagged.endOfCandidates
        )
    }
}
