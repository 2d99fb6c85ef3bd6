public import RTCWire

/// The payload types of one subscribe session: the numbers the server's offers give the codecs
/// it forwards, whichever publisher's numbering they arrive in.
///
/// Invariants: the same codec (`SubscriberCodecIdentity`) always gets the same payload type, and
/// the same RTX payload type once it has one; two different codecs, or a codec and an RTX
/// format, never share a number. Conventional numbers are taken when free (opus 111, PCMU 0,
/// PCMA 8, G722 9, telephone-event 126, VP8 96/97, VP9 98/99, H.264 102/103, AV1 45/46,
/// RED 63); any other codec gets the next free dynamic number, 96…127 then 35…63, passing over
/// the conventional numbers while others are free. Static numbers 0, 8 and 9 go only to their
/// RFC 3551 codecs.
public struct SubscriberPayloadTypes: Hashable, Sendable {
    private var assigned: [SubscriberCodecIdentity: Assignment] = [:]
    private var used: Set<UInt8> = []

    public init() {}

    /// The server payload type for `codec` (a publisher's `NegotiatedCodec`), and for its RTX
    /// when `codec.rtxPayloadType` is set; assigns them on first use. Nil, and nothing assigned,
    /// when the dynamic range has no room left for what `codec` needs.
    public mutating func assign(_ codec: NegotiatedCodec) -> (payloadType: PayloadType, rtx: PayloadType?)? {
        let identity = SubscriberCodecIdentity(codec)
        let conventional = SubscriberCodecIdentity.conventionalNumbers(for: identity)
        let usedBefore = used
        var assignment: Assignment
        if let existing = assigned[identity] {
            assignment = existing
        } else if let number = take(preferred: conventional.media) {
            assignment = Assignment(payloadType: number)
        } else {
            return nil
        }
        let wantsRTX = codec.rtxPayloadType != nil
        if wantsRTX, assignment.rtx == nil {
            guard let rtx = take(preferred: conventional.rtx) else {
                used = usedBefore
                return nil
            }
            assignment.rtx = rtx
        }
        assigned[identity] = assignment
        return (assignment.payloadType, wantsRTX ? assignment.rtx : nil)
    }

    /// Marks and returns `preferred` when it is free, else the first free dynamic number that is
    /// nobody's conventional one, else any free dynamic number.
    private mutating func take(preferred: UInt8?) -> PayloadType? {
        let number = preferred.flatMap { used.contains($0) ? nil : $0 }
            ?? Self.dynamicNumbers.first { !used.contains($0) && !SubscriberCodecIdentity.reservedNumbers.contains($0) }
            ?? Self.dynamicNumbers.first { !used.contains($0) }
        guard let number else { return nil }
        used.insert(number)
        return PayloadType(truncating: number)
    }

    /// The dynamic payload types in the order they are handed out: 96…127, then 35…63 (the
    /// range browsers also use once 96…127 is full; 64…95 would clash with RTCP packet types).
    static let dynamicNumbers: [UInt8] = Array(96...127) + Array(35...63)

    private struct Assignment: Hashable, Sendable {
        var payloadType: PayloadType
        var rtx: PayloadType?
    }
}

/// What makes two codecs the same for payload type numbering: encoding name (without case),
/// clock rate, channel count (absent means 1), and the `fmtp` parameters that change what the
/// decoder must do: H.264 `profile-level-id` and `packetization-mode`, VP9 `profile-id`, AV1
/// `profile` (each with its RFC default when absent, so an omitted default matches a written one).
///
/// Invariant: `name` is lowercase; `parameters` is empty for codecs not listed above.
struct SubscriberCodecIdentity: Hashable, Sendable {
    let name: String
    let clockRate: UInt32
    let channels: UInt16
    let parameters: [String]

    init(_ codec: NegotiatedCodec) {
        name = codec.rtpmap.encodingName.lowercased()
        clockRate = codec.rtpmap.clockRate
        channels = codec.rtpmap.channels ?? 1
        let fmtp = codec.parameters
        func value(_ key: String, default fallback: String) -> String {
            (fmtp?.value(for: key) ?? fallback).lowercased()
        }
        switch name {
        case "h264": parameters = [value("profile-level-id", default: "420010"), value("packetization-mode", default: "0")]
        case "vp9": parameters = [value("profile-id", default: "0")]
        case "av1": parameters = [value("profile", default: "0")]
        default: parameters = []
        }
    }

    /// The conventional numbers of a codec (the ones browsers use), if it has some.
    static func conventionalNumbers(for identity: SubscriberCodecIdentity) -> (media: UInt8?, rtx: UInt8?) {
        switch (identity.name, identity.clockRate, identity.channels) {
        case ("opus", 48000, 2): return (111, nil)
        case ("pcmu", 8000, 1): return (0, nil)
        case ("pcma", 8000, 1): return (8, nil)
        case ("g722", 8000, 1): return (9, nil)
        case ("telephone-event", _, _): return (126, nil)
        case ("red", _, _): return (63, nil)
        case ("vp8", 90000, _): return (96, 97)
        case ("vp9", 90000, _): return (98, 99)
        case ("h264", 90000, _): return (102, 103)
        case ("av1", 90000, _): return (45, 46)
        default: return (nil, nil)
        }
    }

    /// The dynamic conventional numbers, left for their codecs while other numbers are free.
    static let reservedNumbers: Set<UInt8> = [111, 126, 63, 96, 97, 98, 99, 102, 103, 45, 46]
}
