/// The session-level `a=` lines, typed where WebRTC gives them a meaning.
///
/// Invariant: `otherAttributes` holds every session-level attribute without a typed field, in
/// the order it appeared; flags (`iceLite`, `extmapAllowMixed`) stand for one line each.
public struct SessionAttributes: Hashable, Sendable {
    /// `a=group` lines (RFC 5888), e.g. BUNDLE.
    public var groups: [MediaGroup]
    /// `a=msid-semantic` lines.
    public var msidSemantics: [MsidSemantic]
    /// `a=ice-lite`: the sender is an ICE-lite agent.
    public var iceLite: Bool
    /// `a=extmap-allow-mixed` (RFC 8285 §6): one- and two-byte header extensions may be mixed.
    public var extmapAllowMixed: Bool
    /// ICE and DTLS attributes given at the session level.
    public var transport: TransportAttributes
    /// A session-level direction attribute (it applies to media sections without their own).
    public var direction: MediaDirection?
    /// Session-level `a=extmap` lines (they apply to every media section).
    public var extensions: [ExtMap]
    public var otherAttributes: [Attribute]

    public init(
        groups: [MediaGroup] = [], msidSemantics: [MsidSemantic] = [], iceLite: Bool = false,
        extmapAllowMixed: Bool = false, transport: TransportAttributes = TransportAttributes(),
        direction: MediaDirection? = nil, extensions: [ExtMap] = [], otherAttributes: [Attribute] = []
    ) {
        self.groups = groups
        self.msidSemantics = msidSemantics
        self.iceLite = iceLite
        self.extmapAllowMixed = extmapAllowMixed
        self.transport = transport
        self.direction = direction
        self.extensions = extensions
        self.otherAttributes = otherAttributes
    }

    /// The first `a=group:BUNDLE` group, if any.
    public var bundleGroup: MediaGroup? {
        groups.first { $0.isBundle }
    }
}
