import MediaContract
import RTCWire
import SDP

/// One m-section of a participant's subscribe transport: the track it carries, if any, or the
/// data channels.
///
/// Invariants: `mid` and `kind` never change (JSEP never reorders or retypes m-sections); a
/// slot of kind `.application` is the data section, with no `binding` and no `codecs`; an audio
/// or video slot's `binding` is nil once its track ended (the section is then offered
/// `a=inactive`); `codecs` are in the session's numbering (`SubscriberPayloadTypes`).
struct SubscribeSlot: Hashable, Sendable {
    /// The track a section carries and how the publisher's numbering maps onto the session's.
    struct Binding: Hashable, Sendable {
        let trackID: String
        let publisher: String
        let publisherMid: Mid
        let ssrc: SSRC
        let rtxSSRC: SSRC?
        var payloadTypes: [PayloadTypeMapping]
        /// The publisher's header extensions (its ids).
        var publisherExtensions: [ExtMap]
    }

    let mid: Mid
    let kind: MediaKind
    var binding: Binding?
    var codecs: [NegotiatedCodec]

    /// The data section `mid`.
    static func data(mid: Mid) -> SubscribeSlot {
        SubscribeSlot(mid: mid, kind: .application, binding: nil, codecs: [])
    }

    /// Whether this is the data section.
    var isData: Bool { kind == .application }

    /// The section as the offer writes it.
    func section(cname: String) -> SubscribeSection {
        if isData { return .data(mid: mid) }
        guard let binding else { return .inactive(mid: mid, kind: kind, codecs: codecs) }
        return .track(SubscribeTrackSection(
            mid: mid, kind: kind, codecs: codecs, extensions: SubscriberExtensionIDs.offered(for: kind), ssrc: binding.ssrc,
            rtxSSRC: binding.rtxSSRC, cname: cname, streamID: binding.publisher, trackID: binding.trackID))
    }
}
