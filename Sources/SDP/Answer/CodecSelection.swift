import RTCWire

/// The codecs of one offered audio or video section that a `CodecPolicy` accepts, in the
/// server's order of preference, with RTX, RED and telephone-event attached where they apply.
///
/// Invariants: `negotiated` and `answerCodecs` are non-empty and list the same payload types,
/// except that RTX formats appear only in `answerCodecs` (right after their codec); feedback is
/// limited to the policy's, with `a=rtcp-fb:*` feedback applied to each codec.
struct CodecSelection {
    private(set) var negotiated: [NegotiatedCodec] = []
    private(set) var answerCodecs: [Codec] = []

    /// Nil when no offered format matches a preferred codec.
    init?(media: MediaDescription, policy: CodecPolicy) {
        var offered: [(codec: Codec, rtpmap: RTPMap)] = []
        var listed: Set<PayloadType> = []
        for type in media.payloadTypes where listed.insert(type).inserted {
            let codec = media.codec(type) ?? Codec(payloadType: type)
            if let rtpmap = codec.effectiveRTPMap { offered.append((codec, rtpmap)) }
        }
        var chosen: Set<PayloadType> = []
        for preference in policy.preferences(for: media.kind) {
            for (codec, rtpmap) in offered where !chosen.contains(codec.payloadType) && preference.matches(rtpmap, parameters: codec.parameters) {
                chosen.insert(codec.payloadType)
                let rtx = policy.acceptsRetransmission && media.kind == .video
                    ? offered.first { Self.isRTX($0.rtpmap, of: codec.payloadType, clockRate: rtpmap.clockRate, $0.codec) } : nil
                append(codec, rtpmap, role: .media, rtx: rtx?.codec.payloadType, media: media, policy: policy)
                if let rtx { answerCodecs.append(answerCodec(rtx.codec, rtx.rtpmap, media: media, policy: policy)) }
            }
        }
        guard !negotiated.isEmpty else { return nil }
        guard media.kind == .audio else { return }
        let clockRates = Set(negotiated.map(\.rtpmap.clockRate))
        for (codec, rtpmap) in offered where policy.acceptsAudioRedundancy && rtpmap.encodingName.lowercased() == "red" {
            let protected = codec.parameters.map { $0.redundantPayloadTypes ?? [] } ?? Array(chosen)
            if !protected.isEmpty, protected.allSatisfy(chosen.contains) {
                append(codec, rtpmap, role: .redundancy, rtx: nil, media: media, policy: policy)
            }
        }
        for (codec, rtpmap) in offered where policy.acceptsTelephoneEvent
            && rtpmap.encodingName.lowercased() == "telephone-event" && clockRates.contains(rtpmap.clockRate) {
            append(codec, rtpmap, role: .telephoneEvent, rtx: nil, media: media, policy: policy)
        }
    }

    private mutating func append(
        _ codec: Codec, _ rtpmap: RTPMap, role: CodecRole, rtx: PayloadType?, media: MediaDescription, policy: CodecPolicy
    ) {
        let answer = answerCodec(codec, rtpmap, media: media, policy: policy)
        answerCodecs.append(answer)
        negotiated.append(NegotiatedCodec(
            payloadType: codec.payloadType, role: role, rtpmap: rtpmap, parameters: codec.parameters,
            feedback: answer.feedback, rtxPayloadType: rtx
        ))
    }

    /// The codec as the answer writes it: an explicit rtpmap, the offer's fmtp, kept feedback.
    private func answerCodec(_ codec: Codec, _ rtpmap: RTPMap, media: MediaDescription, policy: CodecPolicy) -> Codec {
        var feedback: [RTCPFeedback] = []
        for item in codec.feedback + media.sharedFeedback where policy.feedback.contains(item) && !feedback.contains(item) {
            feedback.append(item)
        }
        return Codec(payloadType: codec.payloadType, rtpmap: rtpmap, parameters: codec.parameters, feedback: feedback)
    }

    private static func isRTX(_ rtpmap: RTPMap, of payloadType: PayloadType, clockRate: UInt32, _ codec: Codec) -> Bool {
        rtpmap.encodingName.lowercased() == "rtx" && rtpmap.clockRate == clockRate
            && codec.parameters?.associatedPayloadType == payloadType
    }
}
