import LoadModel
import RTCWire
import SDP

/// Builds a publisher's offer (see `PeerSDP.publishOffer`).
///
/// Sections follow the order in which the streams first name their mids; streams sharing a mid
/// share its section (simulcast layers of one video track). A stream with a rid is announced by
/// `a=rid` and `a=simulcast:send`, one without by `a=ssrc` (cname and msid).
struct PublishOfferBuilder {
    static let rtpProfile = "UDP/TLS/RTP/SAVPF"
    static let sctpProfile = "UDP/DTLS/SCTP"
    static let midExtensionID: UInt8 = 1
    static let ridExtensionID: UInt8 = 2
    static let sctpPort: UInt16 = 5000
    static let maximumMessageSize: UInt64 = 262_144

    let parameters: LocalSectionParameters

    init(local: LocalTransportDescription) {
        parameters = LocalSectionParameters(local: local)
    }

    /// "load-" and the ICE username fragment: the msid stream and the RTCP cname of this peer.
    private var streamName: String { "load-" + parameters.local.credentials.usernameFragment }

    func session(streams: [OutgoingStream], dataChannel: Bool) -> SessionDescription {
        var mids: [Mid] = []
        for stream in streams where !mids.contains(stream.mid) { mids.append(stream.mid) }
        var media = mids.map { mid in mediaSection(mid: mid, streams: streams.filter { $0.mid == mid }) }
        if dataChannel {
            let dataMid = Self.dataMid(avoiding: mids)
            media.append(dataSection(mid: dataMid))
            mids.append(dataMid)
        }
        return parameters.session(media: media, bundle: mids, msidStream: streams.isEmpty ? nil : streamName)
    }

    static func dataMid(avoiding used: [Mid]) -> Mid {
        var number = Int(PeerSDP.preferredDataMid) ?? 2
        while true {
            if let mid = Mid(String(number)), !used.contains(mid) { return mid }
            number += 1
        }
    }

    private func mediaSection(mid: Mid, streams: [OutgoingStream]) -> MediaDescription {
        let kind = streams.first?.kind ?? .audio
        var payloadTypes: [PayloadType] = []
        for stream in streams where !payloadTypes.contains(stream.payloadType) { payloadTypes.append(stream.payloadType) }
        var section = MediaDescription(
            kind: kind == .audio ? .audio : .video, port: 0, proto: Self.rtpProfile,
            formats: payloadTypes.map(\.description), mid: mid, direction: .sendonly, rtcpReducedSize: true)
        parameters.apply(to: &section, setup: .actpass)

        let track = "\(kind.rawValue)-\(mid.value)"
        section.msids = [Msid(streamID: streamName, trackID: track)]
        section.extensions = [ExtMap(id: Self.midExtensionID, uri: HeaderExtensionURI.mid)]
        section.codecs = payloadTypes.map { type in
            let clockRate = streams.first { $0.payloadType == type }?.clockRate ?? (kind == .audio ? 48_000 : 90_000)
            return kind == .audio ? Self.opus(type, clockRate: clockRate) : Self.vp8(type, clockRate: clockRate)
        }

        let rids = streams.compactMap(\.rid)
        if !rids.isEmpty {
            section.extensions.append(ExtMap(id: Self.ridExtensionID, uri: HeaderExtensionURI.rtpStreamID))
            section.rids = rids.map { RIDDescription(rid: $0, direction: .send) }
            section.simulcast = Simulcast(send: rids.map { [SimulcastStream(rid: $0)] })
        }
        for stream in streams where stream.rid == nil {
            section.ssrcAttributes.append(SSRCAttribute(ssrc: stream.ssrc, name: "cname", value: streamName))
            section.ssrcAttributes.append(SSRCAttribute(ssrc: stream.ssrc, name: "msid", value: "\(streamName) \(track)"))
        }
        return section
    }

    private func dataSection(mid: Mid) -> MediaDescription {
        var section = MediaDescription(
            kind: .application, port: 0, proto: Self.sctpProfile, formats: ["webrtc-datachannel"], mid: mid,
            sctpPort: Self.sctpPort, maxMessageSize: Self.maximumMessageSize)
        parameters.apply(to: &section, setup: .actpass)
        return section
    }

    static func opus(_ type: PayloadType, clockRate: UInt32) -> Codec {
        Codec(payloadType: type, rtpmap: RTPMap(encodingName: "opus", clockRate: clockRate, channels: 2),
              parameters: FormatParameters(rawValue: "minptime=10;useinbandfec=1"))
    }

    static func vp8(_ type: PayloadType, clockRate: UInt32) -> Codec {
        Codec(payloadType: type, rtpmap: RTPMap(encodingName: "VP8", clockRate: clockRate),
              feedback: [.nack, .pictureLossIndication, .fullIntraRequest, .receiverEstimatedMaxBitrate])
    }
}
