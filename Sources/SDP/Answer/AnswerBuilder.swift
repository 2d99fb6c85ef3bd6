import RTCWire

/// Builds the answer's media sections, and the forwarding data, one offered section at a time.
struct AnswerBuilder {
    let offer: SessionDescription
    let local: LocalTransportParameters
    let policy: CodecPolicy
    private(set) var sections: [MediaDescription] = []
    private(set) var acceptedMedia: [AcceptedMedia] = []
    private(set) var dataChannel: AcceptedDataChannel?
    private(set) var rejected: [RejectedSection] = []

    init(offer: SessionDescription, local: LocalTransportParameters, policy: CodecPolicy) {
        self.offer = offer
        self.local = local
        self.policy = policy
    }

    mutating func add(_ plan: SectionPlan, index: Int) {
        let offered = offer.media[index]
        switch plan {
        case .media(let mid, let selection):
            addMedia(offered, mid: mid, selection: selection, index: index)
        case .data(let mid):
            dataChannel = AcceptedDataChannel(
                index: index, mid: mid, remoteSCTPPort: offered.sctpPort ?? 5000,
                remoteMaxMessageSize: offered.maxMessageSize ?? 65536
            )
            var section = acceptedSection(offered, mid: mid)
            section.formats = ["webrtc-datachannel"]
            section.sctpPort = local.sctpPort
            section.maxMessageSize = local.maxMessageSize
            sections.append(section)
        case .rejected(let reason):
            rejected.append(RejectedSection(index: index, kind: offered.kind, mid: offered.mid, reason: reason))
            sections.append(MediaDescription(
                kind: offered.kind, port: 0, proto: offered.proto, formats: Array(offered.formats.prefix(1)),
                connection: ConnectionData(address: "0.0.0.0"), mid: offered.mid, direction: .inactive
            ))
        }
    }

    func sessionDescription(bundleMids: [Mid]) -> SessionDescription {
        SessionDescription(
            origin: Origin(sessionID: String(local.sessionID), sessionVersion: local.sessionVersion),
            attributes: SessionAttributes(
                groups: [MediaGroup(semantics: "BUNDLE", mids: bundleMids)], iceLite: true,
                extmapAllowMixed: offer.attributes.extmapAllowMixed && policy.acceptsMixedExtensionForms
            ),
            media: sections
        )
    }

    private mutating func addMedia(_ offered: MediaDescription, mid: Mid, selection: CodecSelection, index: Int) {
        let offeredDirection = offered.effectiveDirection(session: offer.attributes)
        let acceptedTypes = Set(selection.answerCodecs.map(\.payloadType))
        let rids = offered.rids.filter { rid in
            rid.direction == .send && (rid.payloadTypes.isEmpty || rid.payloadTypes.contains(where: acceptedTypes.contains))
        }
        var section = acceptedSection(offered, mid: mid)
        section.formats = selection.answerCodecs.map(\.payloadType.description)
        section.direction = offeredDirection.sends ? .recvonly : .inactive
        section.rtcpMux = true
        section.rtcpReducedSize = offered.rtcpReducedSize
        section.extmapAllowMixed = offered.extmapAllowMixed && policy.acceptsMixedExtensionForms
        section.extensions = HeaderExtensionSelection.answer(for: offered, session: offer.attributes, policy: policy)
        section.codecs = selection.answerCodecs
        section.rids = rids.map { rid in
            RIDDescription(rid: rid.rid, direction: .recv, payloadTypes: rid.payloadTypes.filter(acceptedTypes.contains), restrictions: rid.restrictions)
        }
        section.simulcast = Self.answerSimulcast(offered.simulcast, keeping: Set(rids.map(\.rid)))
        sections.append(section)
        acceptedMedia.append(AcceptedMedia(
            index: index, mid: mid, kind: offered.kind, offeredDirection: offeredDirection,
            codecs: selection.negotiated, extensions: section.extensions, ssrcAttributes: offered.ssrcAttributes,
            ssrcGroups: offered.ssrcGroups, rids: rids, simulcast: offered.simulcast, msids: offered.msids,
            rtcpReducedSize: offered.rtcpReducedSize
        ))
    }

    /// An accepted section with the transport lines every accepted section carries.
    private func acceptedSection(_ offered: MediaDescription, mid: Mid) -> MediaDescription {
        let first = local.candidates.first
        return MediaDescription(
            kind: offered.kind, port: first?.port ?? 9, proto: offered.proto, formats: [],
            connection: ConnectionData(ipAddress: first?.address ?? "0.0.0.0"), mid: mid,
            transport: TransportAttributes(
                iceUfrag: local.iceUfrag, icePwd: local.icePwd, fingerprints: [local.fingerprint], setup: .passive
            ),
            candidates: local.candidates.map(\.candidate), endOfCandidates: true
        )
    }

    /// The offer's `send` streams as the answer's `recv` streams, limited to accepted rids.
    private static func answerSimulcast(_ offered: Simulcast?, keeping rids: Set<Rid>) -> Simulcast? {
        guard let offered else { return nil }
        let streams = offered.send.map { $0.filter { rids.contains($0.rid) } }.filter { !$0.isEmpty }
        return streams.isEmpty ? nil : Simulcast(recv: streams)
    }
}
