import RTCWire

/// Writes the server's offer on a subscribe transport: the server sends, the subscriber answers.
///
/// The offer is ICE-lite (`a=ice-lite`), DTLS `a=setup:actpass`, BUNDLEs every section (inactive
/// ones too: they keep their port), requires rtcp-mux and offers reduced-size RTCP on media
/// sections. Every section carries the server's ICE credentials, its sha-256 fingerprint, its
/// host candidates and `a=end-of-candidates`; the `m=` and `c=` lines carry the first
/// candidate's address and port, as the publish answer does. Pure: the same sections and
/// parameters give the same offer.
public enum SubscribeOfferer {
    /// The media protocol of audio and video sections (JSEP §5.1.2).
    static let mediaProtocol = "UDP/TLS/RTP/SAVPF"
    /// The protocol and format of the data section (RFC 8841).
    static let dataProtocol = "UDP/DTLS/SCTP"
    static let dataFormat = "webrtc-datachannel"

    public static func offer(sections: [SubscribeSection], local: LocalTransportParameters) -> SessionDescription {
        SessionDescription(
            origin: Origin(sessionID: String(local.sessionID), sessionVersion: local.sessionVersion),
            attributes: SessionAttributes(
                groups: [MediaGroup(semantics: "BUNDLE", mids: sections.map(\.mid))],
                msidSemantics: [MsidSemantic(rawValue: " WMS *")],
                iceLite: true,
                extmapAllowMixed: true
            ),
            media: sections.map { media(for: $0, local: local) }
        )
    }

    private static func media(for section: SubscribeSection, local: LocalTransportParameters) -> MediaDescription {
        switch section {
        case .track(let track):
            var media = rtpSection(kind: track.kind, mid: track.mid, codecs: track.codecs, local: local)
            media.direction = .sendonly
            media.extensions = track.extensions
            media.msids = [Msid(streamID: track.streamID, trackID: track.trackID)]
            let ssrcs = [track.ssrc] + (track.rtxSSRC.map { [$0] } ?? [])
            if ssrcs.count > 1 { media.ssrcGroups = [SSRCGroup(semantics: SSRCGroup.flowIdentification, ssrcs: ssrcs)] }
            media.ssrcAttributes = ssrcs.flatMap { ssrc in
                [
                    SSRCAttribute(ssrc: ssrc, name: "cname", value: track.cname),
                    SSRCAttribute(ssrc: ssrc, name: "msid", value: "\(track.streamID) \(track.trackID)"),
                ]
            }
            return media
        case .inactive(let mid, let kind, let codecs):
            var media = rtpSection(kind: kind, mid: mid, codecs: codecs, local: local)
            media.direction = .inactive
            return media
        case .data(let mid):
            var media = transportSection(kind: .application, proto: dataProtocol, formats: [dataFormat], mid: mid, local: local)
            media.sctpPort = local.sctpPort
            media.maxMessageSize = local.maxMessageSize
            return media
        }
    }

    /// An audio or video section with `codecs` (each followed by its RTX format) and rtcp-mux.
    private static func rtpSection(kind: MediaKind, mid: Mid, codecs: [NegotiatedCodec], local: LocalTransportParameters) -> MediaDescription {
        let written = codecs.flatMap(writtenCodecs)
        var media = transportSection(
            kind: kind, proto: mediaProtocol, formats: written.map(\.payloadType.description), mid: mid, local: local
        )
        media.rtcpMux = true
        media.rtcpReducedSize = true
        media.codecs = written
        return media
    }

    /// The `rtpmap`/`rtcp-fb`/`fmtp` lines of `codec`, then those of its RTX format if it has one.
    private static func writtenCodecs(_ codec: NegotiatedCodec) -> [Codec] {
        let media = Codec(payloadType: codec.payloadType, rtpmap: codec.rtpmap, parameters: codec.parameters, feedback: codec.feedback)
        guard let rtx = codec.rtxPayloadType else { return [media] }
        return [
            media,
            Codec(
                payloadType: rtx, rtpmap: RTPMap(encodingName: "rtx", clockRate: codec.rtpmap.clockRate),
                parameters: FormatParameters(rawValue: "apt=\(codec.payloadType)")
            ),
        ]
    }

    /// A section with the transport lines every section of the offer carries.
    private static func transportSection(
        kind: MediaKind, proto: String, formats: [String], mid: Mid, local: LocalTransportParameters
    ) -> MediaDescription {
        let first = local.candidates.first
        return MediaDescription(
            kind: kind, port: first?.port ?? 9, proto: proto, formats: formats,
            connection: ConnectionData(ipAddress: first?.address ?? "0.0.0.0"), mid: mid,
            transport: TransportAttributes(
                iceUfrag: local.iceUfrag, icePwd: local.icePwd, fingerprints: [local.fingerprint], setup: .actpass
            ),
            candidates: local.candidates.map(\.candidate), endOfCandidates: true
        )
    }
}
