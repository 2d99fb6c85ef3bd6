import LoadModel
import RTCWire
import SDP

/// Answers the server's subscribe offer (see `PeerSDP.answerSubscribeOffer`).
///
/// Each offered audio (video) section with a non-zero port and an Opus (VP8) codec is accepted
/// with the first such codec only, recvonly (inactive when the server does not send on it),
/// rtcp-mux and the offered ids of sdes:mid, sdes:rtp-stream-id and abs-send-time; no RTCP
/// feedback is announced (the harness's receivers send only receiver reports). The data section
/// is accepted (SCTP port 5000, 256 KiB messages) only when `acceptData`. Everything else is
/// rejected with port 0. Mids and order are kept; the BUNDLE group lists the accepted mids in the
/// offer's order. The peer answers `a=setup:active` (DTLS client) unless the server insists on
/// `active`, then `passive` (DTLS server).
enum SubscribeOfferAnswerer {
    static let step = "subscribe offer"
    static let acceptedExtensions: Set<String> = [
        HeaderExtensionURI.mid, HeaderExtensionURI.rtpStreamID, HeaderExtensionURI.absoluteSendTime,
    ]

    static func answer(_ text: String, local: LocalTransportDescription, acceptData: Bool, policy: AddressPolicy)
        throws(SignallingError) -> (answer: String, remote: RemoteTransportDescription, dataChannel: Bool)
    {
        let reader = RemoteTransportReader(step: step)
        let offer = try reader.parse(text)
        let parameters = LocalSectionParameters(local: local)

        var acceptedOffers: [MediaDescription] = []
        let answers = offer.media.map { section in
            let answer = answerSection(section, session: offer, acceptData: acceptData)
            if answer.port != 0 { acceptedOffers.append(section) }
            return answer
        }
        guard !acceptedOffers.isEmpty else {
            let kinds = offer.media.map { "\($0.kind)" }.joined(separator: ", ")
            throw .malformed(step: step, reason: "no m-section the peer can receive (offered: \(kinds.isEmpty ? "none" : kinds))")
        }

        let role: LocalDTLSRole
        switch reader.setup(offer, sections: acceptedOffers) {
        case .actpass, .passive, nil: role = .client
        case .active: role = .server
        case .holdconn: throw .malformed(step: step, reason: "the offer says a=setup:holdconn")
        }
        let ourSetup: SetupRole = role == .client ? .active : .passive
        let remote = try reader.read(offer, sections: acceptedOffers, role: role, policy: policy)

        let media = answers.map { section in
            guard section.port != 0 else { return section }
            var accepted = section
            parameters.apply(to: &accepted, setup: ourSetup)
            return accepted
        }
        let acceptedMids = Set(acceptedOffers.compactMap(\.mid))
        let offeredBundle = offer.attributes.bundleGroup?.mids ?? acceptedOffers.compactMap(\.mid)
        let bundle = offeredBundle.filter { acceptedMids.contains($0) }
        let session = parameters.session(media: media, bundle: bundle, msidStream: nil)
        let dataChannel = media.contains { $0.kind == .application && $0.port != 0 }
        return (session.description, remote, dataChannel)
    }

    /// The answer to one section, its transport lines not yet filled (port 1 marks acceptance,
    /// port 0 rejection).
    private static func answerSection(_ offered: MediaDescription, session: SessionDescription, acceptData: Bool) -> MediaDescription {
        let rejected = MediaDescription(
            kind: offered.kind, port: 0, proto: offered.proto, formats: offered.formats, mid: offered.mid)
        guard offered.port != 0, offered.mid != nil else { return rejected }
        switch offered.kind {
        case .audio, .video:
            guard offered.isRTP, let codec = receivableCodec(in: offered) else { return rejected }
            let direction: MediaDirection = offered.effectiveDirection(session: session.attributes).sends ? .recvonly : .inactive
            let extensions = (offered.extensions + session.attributes.extensions)
                .filter { acceptedExtensions.contains($0.uri) }
                .map { ExtMap(id: $0.id, uri: $0.uri) }
            return MediaDescription(
                kind: offered.kind, port: 1, proto: offered.proto, formats: [codec.payloadType.description],
                mid: offered.mid, direction: direction, rtcpReducedSize: offered.rtcpReducedSize,
                extensions: extensions, codecs: [Codec(payloadType: codec.payloadType, rtpmap: codec.rtpmap, parameters: codec.parameters)])
        case .application:
            guard acceptData, offered.proto.uppercased().contains("SCTP"), offered.formats.contains("webrtc-datachannel") else {
                return rejected
            }
            return MediaDescription(
                kind: .application, port: 1, proto: offered.proto, formats: ["webrtc-datachannel"], mid: offered.mid,
                sctpPort: PublishOfferBuilder.sctpPort, maxMessageSize: PublishOfferBuilder.maximumMessageSize)
        case .other:
            return rejected
        }
    }

    /// The first codec of the section's format list that is Opus (audio) or VP8 (video).
    private static func receivableCodec(in section: MediaDescription) -> Codec? {
        let wanted = section.kind == .audio ? "opus" : "vp8"
        for type in section.payloadTypes {
            if let codec = section.codec(type), codec.rtpmap?.encodingName.lowercased() == wanted { return codec }
        }
        return nil
    }
}
