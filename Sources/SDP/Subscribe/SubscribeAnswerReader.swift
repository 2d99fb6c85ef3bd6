import RTCWire

/// Reads a subscriber's answer to the server's subscribe offer: which sections it receives, with
/// which payload types and header extensions, and its ICE and DTLS parameters.
///
/// Rules: the answer has the offer's m-sections (count, kinds and mids, in order); it has a
/// BUNDLE group holding every accepted (port ≠ 0) section, and every accepted audio or video
/// section has `a=rtcp-mux`; its BUNDLE-tagged section (media level, then session level) has
/// valid ICE credentials, a sha-256/384/512 fingerprint and `a=setup` `active` or `passive`
/// (absent means `active`, RFC 4145 §4); no accepted section lists a payload type the offer did
/// not give it; a section offered `sendonly` is answered `recvonly` or `inactive` (`sendrecv` is
/// taken as `recvonly`: some stacks answer so, and the server never reads media there); an accepted
/// data section does not say `a=sctp-port:0` (absent means 5000, RFC 8841 §5). A
/// section offered `inactive` is never received on, whatever the answer says. An answer that
/// rejects every section is refused: it leaves no transport to connect. Pure and never traps.
public enum SubscribeAnswerReader {
    public static func read(answer: SessionDescription, offer: SessionDescription) -> Result<SubscribeAnswer, SubscribeAnswerError> {
        do {
            return .success(try readChecked(answer: answer, offer: offer))
        } catch {
            return .failure(error)
        }
    }

    private static func readChecked(answer: SessionDescription, offer: SessionDescription) throws(SubscribeAnswerError) -> SubscribeAnswer {
        let mids = try matchedMids(answer: answer, offer: offer)
        guard let bundle = answer.attributes.bundleGroup else { throw .bundleMissing }
        let accepted = answer.media.indices.filter { answer.media[$0].port != 0 }
        for index in accepted {
            guard bundle.mids.contains(mids[index]) else { throw .notBundled(mid: mids[index]) }
            if answer.media[index].isRTP, !answer.media[index].rtcpMux { throw .rtcpMuxMissing(mid: mids[index]) }
        }
        guard let taggedMid = bundle.mids.first(where: { mid in accepted.contains { mids[$0] == mid } }),
              let tagged = answer.media(withMid: taggedMid)
        else { throw .noAcceptedSection }
        let remote = try SubscribeRemoteTransport.read(answer: answer, tagged: tagged, mid: taggedMid)
        for index in accepted {
            if let role = answer.resolvedTransport(of: answer.media[index]).setup, role != .active, role != .passive {
                throw .setupRoleUnusable(mid: mids[index], role: role)
            }
        }
        var sections: [AnsweredSection] = []
        for index in answer.media.indices {
            sections.append(try section(index: index, mid: mids[index], answer: answer, offer: offer))
        }
        return SubscribeAnswer(remoteTransport: remote, sections: sections)
    }

    /// The offer's mids, after checking that the answer has the same sections, kinds and mids.
    private static func matchedMids(answer: SessionDescription, offer: SessionDescription) throws(SubscribeAnswerError) -> [Mid] {
        guard answer.media.count == offer.media.count else {
            throw .sectionCountMismatch(offered: offer.media.count, answered: answer.media.count)
        }
        var mids: [Mid] = []
        for (index, offered) in offer.media.enumerated() {
            let answered = answer.media[index]
            guard offered.kind == answered.kind else {
                throw .kindMismatch(index: index, offered: offered.kind, answered: answered.kind)
            }
            guard let mid = offered.mid, answered.mid == mid else {
                throw .midMismatch(index: index, offered: offered.mid, answered: answered.mid)
            }
            mids.append(mid)
        }
        return mids
    }

    private static func section(
        index: Int, mid: Mid, answer: SessionDescription, offer: SessionDescription
    ) throws(SubscribeAnswerError) -> AnsweredSection {
        let offered = offer.media[index]
        let answered = answer.media[index]
        var section = AnsweredSection(
            mid: mid, kind: offered.kind, isReceiving: false, payloadTypes: [], extensionIDs: [],
            acceptsRetransmission: false, dataChannel: nil
        )
        guard answered.port != 0 else { return section }
        guard offered.isRTP else {
            if offered.kind == .application {
                guard answered.sctpPort != 0 else { throw .sctpPortInvalid(mid: mid) }
                section.dataChannel = AnsweredDataChannel(
                    remoteSCTPPort: answered.sctpPort ?? 5000, remoteMaxMessageSize: answered.maxMessageSize ?? 65536
                )
            }
            return section
        }
        let offeredTypes = offered.payloadTypes
        let answeredTypes = answered.payloadTypes
        if let extra = answeredTypes.first(where: { !offeredTypes.contains($0) }) {
            throw .unofferedPayloadType(mid: mid, payloadType: extra)
        }
        let offeredDirection = offered.effectiveDirection(session: offer.attributes)
        let answeredDirection = answered.effectiveDirection(session: answer.attributes)
        if offeredDirection == .sendonly, answeredDirection == .sendonly {
            throw .directionUnusable(mid: mid, direction: answeredDirection)
        }
        section.isReceiving = offeredDirection.sends && answeredDirection.receives
        section.payloadTypes = answeredTypes
        section.extensionIDs = keptExtensionIDs(offered: offered, offer: offer, answered: answered, answer: answer)
        section.acceptsRetransmission = acceptsRetransmission(offered: offered, answered: answered)
        return section
    }

    /// The ids of the answer's extensions that the offer gave this section with the same URI,
    /// and that the subscriber receives (`sendrecv`, `recvonly` or no direction).
    private static func keptExtensionIDs(
        offered: MediaDescription, offer: SessionDescription, answered: MediaDescription, answer: SessionDescription
    ) -> [UInt8] {
        let offeredExtensions = effectiveExtensions(offered, session: offer.attributes)
        return effectiveExtensions(answered, session: answer.attributes).compactMap { extMap in
            guard extMap.direction != .sendonly, extMap.direction != .inactive,
                  offeredExtensions.contains(where: { $0.id == extMap.id && $0.uri == extMap.uri })
            else { return nil }
            return extMap.id
        }
    }

    /// A section's extensions, then the session-level ones whose ids it does not use.
    private static func effectiveExtensions(_ media: MediaDescription, session: SessionAttributes) -> [ExtMap] {
        media.extensions + session.extensions.filter { shared in !media.extensions.contains { $0.id == shared.id } }
    }

    /// Whether the answer kept an offered RTX payload type, the payload type it repairs, and
    /// `nack` feedback for the latter.
    private static func acceptsRetransmission(offered: MediaDescription, answered: MediaDescription) -> Bool {
        let kept = answered.payloadTypes
        return kept.contains { payloadType in
            guard let rtx = offered.codec(payloadType), rtx.rtpmap?.encodingName.lowercased() == "rtx",
                  let repaired = rtx.parameters?.associatedPayloadType, kept.contains(repaired)
            else { return false }
            let feedback = (answered.codec(repaired)?.feedback ?? []) + answered.sharedFeedback
            return feedback.contains(.nack)
        }
    }
}
