import RTCWire

/// Reads and checks the subscriber's ICE and DTLS parameters from its answer.
enum SubscribeRemoteTransport {
    /// The parameters of the BUNDLE-tagged section `tagged` (media level first, then session
    /// level): RFC 8839 ICE credentials, the sha-256/384/512 fingerprints, and a setup role of
    /// `active` or `passive` (absent means `active`).
    static func read(answer: SessionDescription, tagged: MediaDescription, mid: Mid) throws(SubscribeAnswerError) -> RemoteTransportParameters {
        let transport = answer.resolvedTransport(of: tagged)
        guard let ufrag = transport.iceUfrag, let pwd = transport.icePwd else { throw .iceCredentialsMissing(mid: mid) }
        guard isICEString(ufrag, length: 4...256), isICEString(pwd, length: 22...256) else {
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

    /// Whether `text` has a length in `length` and only ice-chars (`ALPHA / DIGIT / "+" / "/"`,
    /// RFC 8839 §5.4), the check `PublishAnswerer` makes on offers.
    private static func isICEString(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }
}
