/// One individual RTCP packet of a compound packet, as the typed view of its packet type and
/// feedback message type, or `other` for types this module passes through untouched.
///
/// Invariant: every view was parsed from its `raw` packet, whose type (and FMT, and for REMB the
/// "REMB" identifier) matches the case. Valid only while the buffer it was parsed from is.
public enum RTCPPacket {
    case senderReport(SenderReport)
    case receiverReport(ReceiverReport)
    case sourceDescription(SourceDescription)
    case goodbye(Goodbye)
    case applicationDefined(ApplicationDefined)
    case genericNack(GenericNack)
    case transportWideFeedback(TransportWideFeedback)
    case pictureLossIndication(PictureLossIndication)
    case fullIntraRequest(FullIntraRequest)
    case receiverEstimatedMaxBitrate(ReceiverEstimatedMaxBitrate)
    /// A packet type or FMT not listed above (e.g. XR, TMMBR, SLI, application layer feedback
    /// other than REMB): its header and bytes, unchecked beyond the header.
    case other(RTCPRawPacket)

    /// Interprets `raw` by its packet type and FMT, checking that the body holds what the
    /// header announces. (Spelled out per case rather than with `Result.map`, so the packet
    /// path calls no closure.)
    public static func parse(_ raw: RTCPRawPacket) -> Result<RTCPPacket, RTCPParseError> {
        let format = raw.header.count
        switch raw.header.packetType {
        case .senderReport:
            switch SenderReport.parse(raw) {
            case .success(let view): return .success(.senderReport(view))
            case .failure(let error): return .failure(error)
            }
        case .receiverReport:
            switch ReceiverReport.parse(raw) {
            case .success(let view): return .success(.receiverReport(view))
            case .failure(let error): return .failure(error)
            }
        case .sourceDescription:
            switch SourceDescription.parse(raw) {
            case .success(let view): return .success(.sourceDescription(view))
            case .failure(let error): return .failure(error)
            }
        case .goodbye:
            switch Goodbye.parse(raw) {
            case .success(let view): return .success(.goodbye(view))
            case .failure(let error): return .failure(error)
            }
        case .applicationDefined:
            switch ApplicationDefined.parse(raw) {
            case .success(let view): return .success(.applicationDefined(view))
            case .failure(let error): return .failure(error)
            }
        case .transportFeedback where format == FeedbackLayout.genericNackFormat:
            switch GenericNack.parse(raw) {
            case .success(let view): return .success(.genericNack(view))
            case .failure(let error): return .failure(error)
            }
        case .transportFeedback where format == FeedbackLayout.transportWideFormat:
            switch TransportWideFeedback.parse(raw) {
            case .success(let view): return .success(.transportWideFeedback(view))
            case .failure(let error): return .failure(error)
            }
        case .payloadSpecificFeedback where format == FeedbackLayout.pictureLossFormat:
            switch PictureLossIndication.parse(raw) {
            case .success(let view): return .success(.pictureLossIndication(view))
            case .failure(let error): return .failure(error)
            }
        case .payloadSpecificFeedback where format == FeedbackLayout.fullIntraRequestFormat:
            switch FullIntraRequest.parse(raw) {
            case .success(let view): return .success(.fullIntraRequest(view))
            case .failure(let error): return .failure(error)
            }
        case .payloadSpecificFeedback where format == FeedbackLayout.applicationLayerFormat
            && ReceiverEstimatedMaxBitrate.hasIdentifier(raw):
            switch ReceiverEstimatedMaxBitrate.parse(raw) {
            case .success(let view): return .success(.receiverEstimatedMaxBitrate(view))
            case .failure(let error): return .failure(error)
            }
        default:
            return .success(.other(raw))
        }
    }

    /// The packet's header and bytes, whatever its type.
    public var raw: RTCPRawPacket {
        switch self {
        case .senderReport(let packet): packet.raw
        case .receiverReport(let packet): packet.raw
        case .sourceDescription(let packet): packet.raw
        case .goodbye(let packet): packet.raw
        case .applicationDefined(let packet): packet.raw
        case .genericNack(let packet): packet.raw
        case .transportWideFeedback(let packet): packet.raw
        case .pictureLossIndication(let packet): packet.raw
        case .fullIntraRequest(let packet): packet.raw
        case .receiverEstimatedMaxBitrate(let packet): packet.raw
        case .other(let raw): raw
        }
    }

    /// Offers each SSRC field of the packet to `mapping` and writes the answers into `packet`,
    /// the writable memory of `raw.bytes`. `other` packets are left untouched: their SSRC
    /// positions are not known here.
    func rewriteSSRCs<M: SSRCMapping>(in packet: UnsafeMutableRawBufferPointer, using mapping: inout M) {
        let fields = SSRCFieldRewriter<M>(bytes: packet)
        switch self {
        case .senderReport(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .receiverReport(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .sourceDescription(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .goodbye(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .applicationDefined(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .genericNack(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .transportWideFeedback(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .pictureLossIndication(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .fullIntraRequest(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .receiverEstimatedMaxBitrate(let view): view.rewriteSSRCs(fields, using: &mapping)
        case .other: break
        }
    }
}
