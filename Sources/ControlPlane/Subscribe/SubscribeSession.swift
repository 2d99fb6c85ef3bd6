import MediaContract
import RTCWire
import SDP

/// A participant's subscribe negotiation: which tracks it asked for, its m-sections in order,
/// the payload-type numbering of its session, the latest offer and the last applied answer.
///
/// Offers: `planOffer` binds every wanted track to a section: a section keeps its track while
/// the track lives and is wanted, turns inactive (in place) when it ends, and new tracks get new
/// sections at the end, so sections are never reordered. A participant with the `data`
/// permission gets one data section, after the tracks of its first offer, and keeps it in that
/// place. Each offer gets a new `offerVersion`; an answer is taken only for the latest one
/// (`pending`).
///
/// Invariants: `slots` mids are "0", "1", … in order; at most one slot is the data section;
/// every binding's `ssrc` and `rtxSSRC` are distinct within the session; `pending` is the offer
/// whose answer is awaited, if any.
struct SubscribeSession: Sendable {
    /// An offer awaiting its answer.
    struct PendingOffer: Sendable {
        let version: UInt64
        let description: SessionDescription
        let slots: [SubscribeSlot]
    }

    /// nil: every track of the room but the participant's own, now and later.
    var requestedTracks: [String]?
    private(set) var slots: [SubscribeSlot] = []
    private(set) var pending: PendingOffer?
    private(set) var offerVersion: UInt64 = 0
    /// The slots the last applied answer settled, with what the answer kept of each.
    private(set) var applied: (slots: [SubscribeSlot], answer: SubscribeAnswer, serverIsDTLSClient: Bool)?
    /// Tracks the subscriber paused.
    private(set) var paused: Set<String> = []
    private var payloadTypes = SubscriberPayloadTypes()
    private var usedSSRCs: Set<SSRC> = []

    /// Whether the subscriber asked for the default subscription (all tracks, now and later).
    var followsRoom: Bool { requestedTracks == nil }

    /// The track ids the last applied answer receives.
    var receivedTrackIDs: Set<String> {
        guard let applied else { return [] }
        return Set(zip(applied.slots, applied.answer.sections).compactMap { slot, answered in
            answered.isReceiving ? slot.binding?.trackID : nil
        })
    }

    /// Binds the `available` tracks (the room's tracks this participant may receive, filtered by
    /// its request) to sections, adds the data section when `offersData` and the session has
    /// none yet, and returns the offer for `local`; records it as pending.
    mutating func planOffer(
        available: [PublishedTrack], publisherOf: (String) -> String?, offersData: Bool, local: LocalTransportParameters
    ) -> SessionDescription {
        var generator = SystemRandomNumberGenerator()
        let wanted = Dictionary(available.map { ($0.track.id, $0) }, uniquingKeysWith: { first, _ in first })
        var bound = Set<String>()
        for index in slots.indices {
            guard let binding = slots[index].binding else { continue }
            if let track = wanted[binding.trackID], let codecs = sessionCodecs(for: track.media) {
                slots[index].codecs = codecs.codecs
                slots[index].binding?.payloadTypes = codecs.mappings
                slots[index].binding?.publisherExtensions = track.media.extensions
                bound.insert(binding.trackID)
            } else {
                slots[index].binding = nil
            }
        }
        for track in available where !bound.contains(track.track.id) {
            guard let publisher = publisherOf(track.track.id), let codecs = sessionCodecs(for: track.media) else { continue }
            let ssrc = freshSSRC(using: &generator)
            let needsRTX = codecs.codecs.contains { $0.rtxPayloadType != nil }
            let binding = SubscribeSlot.Binding(
                trackID: track.track.id, publisher: publisher, publisherMid: track.media.mid, ssrc: ssrc,
                rtxSSRC: needsRTX ? freshSSRC(using: &generator) : nil, payloadTypes: codecs.mappings,
                publisherExtensions: track.media.extensions)
            guard let mid = Mid(String(slots.count)) else { continue }
            slots.append(SubscribeSlot(mid: mid, kind: track.media.kind, binding: binding, codecs: codecs.codecs))
            bound.insert(track.track.id)
        }
        if offersData, !slots.contains(where: \.isData), let mid = Mid(String(slots.count)) {
            slots.append(.data(mid: mid))
        }
        offerVersion += 1
        let description = SubscribeOfferer.offer(sections: slots.map { $0.section(cname: $0.binding?.publisher ?? "switchboard") }, local: local)
        pending = PendingOffer(version: offerVersion, description: description, slots: slots)
        return description
    }

    /// Takes `answer` (read against the pending offer) as settled; returns the subscription the
    /// media engine applies.
    mutating func settle(_ answer: SubscribeAnswer, of offer: PendingOffer) -> Subscription {
        let serverIsDTLSClient = answer.remoteTransport.setup == .passive
        applied = (offer.slots, answer, serverIsDTLSClient)
        pending = nil
        return currentSubscription() ?? Subscription(remote: answer.remoteTransport, serverIsDTLSClient: serverIsDTLSClient, consumers: [])
    }

    /// Pauses or resumes `trackID`; returns the subscription to apply again, or nil when the
    /// last applied answer does not receive that track.
    mutating func setPaused(_ isPaused: Bool, track trackID: String) -> Subscription? {
        guard receivedTrackIDs.contains(trackID) else { return nil }
        if isPaused { paused.insert(trackID) } else { paused.remove(trackID) }
        return currentSubscription()
    }

    /// The subscription of the last applied answer, with the current pauses.
    func currentSubscription() -> Subscription? {
        guard let applied else { return nil }
        var consumers: [SubscribedTrack] = []
        for (slot, answered) in zip(applied.slots, applied.answer.sections) where answered.isReceiving {
            guard let binding = slot.binding else { continue }
            let kept = Set(answered.payloadTypes)
            let media = binding.payloadTypes.filter { $0.associated == nil && kept.contains($0.subscriber) }
            let keptMedia = Set(media.map(\.publisher))
            // An RTX format is kept only with the codec it repairs.
            let payloadTypes = binding.payloadTypes.filter { mapping in
                kept.contains(mapping.subscriber) && (mapping.associated.map { keptMedia.contains($0) } ?? true)
            }
            guard payloadTypes.contains(where: { $0.associated == nil }) else { continue }
            let keptExtensions = Set(answered.extensionIDs)
            var extensionIDs: [UInt8: UInt8] = [:]
            for extmap in binding.publisherExtensions {
                if let id = SubscriberExtensionIDs.id(for: extmap.uri), keptExtensions.contains(id) { extensionIDs[extmap.id] = id }
            }
            consumers.append(SubscribedTrack(
                publisher: binding.publisher, publisherMid: binding.publisherMid, kind: slot.kind, mid: slot.mid, ssrc: binding.ssrc,
                rtxSSRC: binding.rtxSSRC, payloadTypes: payloadTypes, extensionIDs: extensionIDs,
                paused: paused.contains(binding.trackID), codecs: slot.codecs.filter { kept.contains($0.payloadType) }))
        }
        let dataChannel = zip(applied.slots, applied.answer.sections).lazy.compactMap { slot, answered in
            slot.isData ? answered.dataChannel : nil
        }.first
        return Subscription(
            remote: applied.answer.remoteTransport, serverIsDTLSClient: applied.serverIsDTLSClient, consumers: consumers,
            dataChannel: dataChannel.map { DataChannelTransport(remotePort: $0.remoteSCTPPort, remoteMaxMessageSize: $0.remoteMaxMessageSize) })
    }

    /// The session's codecs for a publisher's section (RED left out: its format names the
    /// publisher's payload types), with the mapping from the publisher's numbering; nil when
    /// none can be numbered.
    private mutating func sessionCodecs(for media: AcceptedMedia) -> (codecs: [NegotiatedCodec], mappings: [PayloadTypeMapping])? {
        var codecs: [NegotiatedCodec] = []
        var mappings: [PayloadTypeMapping] = []
        for codec in media.codecs where codec.role != .redundancy {
            guard let numbers = payloadTypes.assign(codec) else { continue }
            let feedback: [RTCPFeedback] = media.kind == .video ? [.nack, .pictureLossIndication, .fullIntraRequest] : []
            codecs.append(NegotiatedCodec(
                payloadType: numbers.payloadType, role: codec.role, rtpmap: codec.rtpmap, parameters: codec.parameters,
                feedback: feedback, rtxPayloadType: numbers.rtx))
            mappings.append(PayloadTypeMapping(
                publisher: codec.payloadType, subscriber: numbers.payloadType, encodingName: codec.rtpmap.encodingName,
                clockRate: codec.rtpmap.clockRate))
            if let publisherRTX = codec.rtxPayloadType, let rtx = numbers.rtx {
                mappings.append(PayloadTypeMapping(
                    publisher: publisherRTX, subscriber: rtx, encodingName: "rtx", clockRate: codec.rtpmap.clockRate,
                    associated: codec.payloadType))
            }
        }
        return codecs.isEmpty ? nil : (codecs, mappings)
    }

    private mutating func freshSSRC(using generator: inout SystemRandomNumberGenerator) -> SSRC {
        while true {
            let ssrc = SSRC(UInt32.random(in: 2...UInt32.max, using: &generator))
            if usedSSRCs.insert(ssrc).inserted { return ssrc }
        }
    }
}
