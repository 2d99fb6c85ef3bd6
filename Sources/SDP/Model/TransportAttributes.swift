/// The ICE and DTLS attributes that may appear at the session level, at the media level, or
/// both: `ice-ufrag`, `ice-pwd`, `ice-options`, `fingerprint`, `setup`.
///
/// Invariant: `iceOptions` and `fingerprints` keep the order of their lines; an empty list means
/// the attribute was absent.
public struct TransportAttributes: Hashable, Sendable {
    public var iceUfrag: String?
    public var icePwd: String?
    public var iceOptions: [String]
    public var fingerprints: [Fingerprint]
    public var setup: SetupRole?

    public init(
        iceUfrag: String? = nil, icePwd: String? = nil, iceOptions: [String] = [],
        fingerprints: [Fingerprint] = [], setup: SetupRole? = nil
    ) {
        self.iceUfrag = iceUfrag
        self.icePwd = icePwd
        self.iceOptions = iceOptions
        self.fingerprints = fingerprints
        self.setup = setup
    }

    /// These attributes, each filled from `fallback` (the session level) where it is absent here.
    public func resolved(over fallback: TransportAttributes) -> TransportAttributes {
        TransportAttributes(
            iceUfrag: iceUfrag ?? fallback.iceUfrag,
            icePwd: icePwd ?? fallback.icePwd,
            iceOptions: iceOptions.isEmpty ? fallback.iceOptions : iceOptions,
            fingerprints: fingerprints.isEmpty ? fallback.fingerprints : fingerprints,
            setup: setup ?? fallback.setup
        )
    }
}
