import RTCWire

/// Answers a publisher's offer as Switchboard's publish transport: ICE-lite, DTLS passive,
/// BUNDLE and rtcp-mux required, receiving only.
///
/// Each offered section is accepted or rejected on its own (port 0, as JSEP §5.3.1 says);
/// the whole offer fails (`SDPAnswerError`, the API's 422) only when the transport is unusable or
/// nothing can be accepted. An offer with only a data section is answered like any other.
/// Pure: the same offer and parameters give the same answer.
public enum PublishAnswerer {
    /// - Parameter acceptsDataChannels: false rejects the data section (port 0,
    ///   `RejectionReason.dataChannelsNotAllowed`): the publisher may not use data channels.
    public static func answer(
        offer: SessionDescription, local: LocalTransportParameters, policy: CodecPolicy = .standard, acceptsDataChannels: Bool = true
    ) -> Result<PublishAnswer, SDPAnswerError> {
        guard let bundle = offer.attributes.bundleGroup else { return .failure(.bundleMissing) }
        let plans = SectionPlan.plans(for: offer, bundle: bundle, policy: policy, acceptsDataChannels: acceptsDataChannels)

        for (index, plan) in plans.enumerated() {
            if case .media(let mid, _) = plan, !offer.media[index].rtcpMux {
                return .failure(.rtcpMuxMissing(mid: mid))
            }
        }
        let acceptedMids = bundle.mids.filter { mid in
            offer.media.indices.contains { offer.media[$0].mid == mid && plans[$0].isAccepted }
        }
        guard let taggedMid = acceptedMids.first, let tagged = offer.media(withMid: taggedMid) else {
            let rejected = plans.indices.compactMap { plans[$0].rejection(offer.media[$0], index: $0) }
            return .failure(.noUsableMediaSection(rejected))
        }
        let remote: RemoteTransportParameters
        switch remoteTransport(offer: offer, tagged: tagged, mid: taggedMid) {
        case .success(let parameters): remote = parameters
        case .failure(let error): return .failure(error)
        }
        for (index, plan) in plans.enumerated() where plan.isAccepted {
            let media = offer.media[index]
            if let mid = media.mid, let role = offer.resolvedTransport(of: media).setup, role == .passive || role == .holdconn {
                return .failure(.setupRoleUnusable(mid: mid, role: role))
            }
        }

        var builder = AnswerBuilder(offer: offer, local: local, policy: policy)
        for (index, plan) in plans.enumerated() { builder.add(plan, index: index) }
        let answer = builder.sessionDescription(bundleMids: acceptedMids)
        return .success(PublishAnswer(
            sessionDescription: answer, media: builder.acceptedMedia, dataChannel: builder.dataChannel,
            rejected: builder.rejected, remoteTransport: remote
        ))
    }

    /// The publisher's ICE and DTLS parameters, from its BUNDLE-tagged section (media level
    /// first, then session level).
    private static func remoteTransport(
        offer: SessionDescription, tagged: MediaDescription, mid: Mid
    ) -> Result<RemoteTransportParameters, SDPAnswerError> {
        let transport = offer.resolvedTransport(of: tagged)
        guard let ufrag = transport.iceUfrag, let pwd = transport.icePwd else { return .failure(.iceCredentialsMissing(mid: mid)) }
        guard ICECharacters.isICEString(ufrag, length: 4...256), ICECharacters.isICEString(pwd, length: 22...256) else {
            return .failure(.iceCredentialsInvalid(mid: mid))
        }
        let fingerprints = transport.fingerprints.filter { [.sha256, .sha384, .sha512].contains($0.algorithm) }
        guard !fingerprints.isEmpty else { return .failure(.fingerprintMissing(mid: mid)) }
        let setup = transport.setup ?? .active
        guard setup == .actpass || setup == .active else { return .failure(.setupRoleUnusable(mid: mid, role: setup)) }
        return .success(RemoteTransportParameters(
            iceUfrag: ufrag, icePwd: pwd, iceOptions: transport.iceOptions, iceLite: offer.attributes.iceLite,
            fingerprints: fingerprints, setup: setup, candidates: tagged.candidates, endOfCandidates: tagged.endOfCandidates
        ))
    }
}

/// What the answer does with one offered section.
enum SectionPlan {
    case media(Mid, CodecSelection)
    case data(Mid)
    case rejected(RejectionReason)

    var isAccepted: Bool {
        if case .rejected = self { return false }
        return true
    }

    func rejection(_ media: MediaDescription, index: Int) -> RejectedSection? {
        guard case .rejected(let reason) = self else { return nil }
        return RejectedSection(index: index, kind: media.kind, mid: media.mid, reason: reason)
    }

    static func plans(for offer: SessionDescription, bundle: MediaGroup, policy: CodecPolicy, acceptsDataChannels: Bool) -> [SectionPlan] {
        var hasData = false
        return offer.media.map { media in
            let plan = plan(for: media, bundle: bundle, policy: policy, hasData: hasData, acceptsDataChannels: acceptsDataChannels)
            if case .data = plan { hasData = true }
            return plan
        }
    }

    private static func plan(
        for media: MediaDescription, bundle: MediaGroup, policy: CodecPolicy, hasData: Bool, acceptsDataChannels: Bool
    ) -> SectionPlan {
        let bundleOnly = media.otherAttributes.contains { $0.name == "bundle-only" }
        if media.port == 0 && !bundleOnly { return .rejected(.rejectedByOfferer) }
        guard let mid = media.mid else { return .rejected(.missingMid) }
        guard bundle.mids.contains(mid) else { return .rejected(.notBundled) }
        switch media.kind {
        case .audio, .video:
            guard media.proto.hasSuffix("RTP/SAVPF") || media.proto.hasSuffix("RTP/SAVP") else {
                return .rejected(.unsupportedProtocol(media.proto))
            }
            guard let selection = CodecSelection(media: media, policy: policy) else { return .rejected(.noCommonCodec) }
            return .media(mid, selection)
        case .application:
            guard ["UDP/DTLS/SCTP", "TCP/DTLS/SCTP"].contains(media.proto), media.formats.contains("webrtc-datachannel") else {
                return .rejected(.unsupportedProtocol(media.proto))
            }
            guard acceptsDataChannels else { return .rejected(.dataChannelsNotAllowed) }
            guard media.sctpPort != 0 else { return .rejected(.invalidSCTPPort) }
            return hasData ? .rejected(.extraDataSection) : .data(mid)
        case .other:
            return .rejected(.unsupportedMediaKind)
        }
    }
}
