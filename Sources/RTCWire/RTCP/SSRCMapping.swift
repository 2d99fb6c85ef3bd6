/// Which field of an RTCP packet an SSRC sits in, so one mapping can treat a report's sender
/// differently from the sources it reports on.
///
/// Invariant: every SSRC position this module rewrites is exactly one of these cases.
public enum RTCPSSRCField: Equatable, Sendable {
    /// The packet's own sender: SR, RR and APP SSRC, a feedback message's "SSRC of packet sender".
    case sender
    /// A report block's SSRC (SR, RR): the source the block reports on.
    case reportBlock
    /// An SDES chunk's SSRC/CSRC: the source described.
    case sourceDescription
    /// An SSRC/CSRC listed by BYE: a source leaving.
    case goodbye
    /// A feedback message's "SSRC of media source" (generic NACK, PLI, FIR, REMB, TWCC).
    case mediaSource
    /// A FIR entry's SSRC: the source asked for a decoder refresh (RFC 5104 §4.3.1).
    case fullIntraRequestEntry
    /// An SSRC in a REMB feedback list: a source the bitrate estimate applies to.
    case bitrateEstimateEntry
}

/// Maps SSRCs found in RTCP packets to the SSRCs to write back in their place, e.g. an SFU turning
/// the subscriber-facing SSRCs of a receiver's feedback into the publisher's SSRCs.
///
/// Invariant: `map` is called once per SSRC field, in packet order; returning `ssrc` unchanged
/// leaves the field as it was. Used through generics (`rewriteSSRCs(in:using:)`), never as an
/// existential, so calls are statically dispatched on the packet path.
public protocol SSRCMapping {
    mutating func map(_ ssrc: SSRC, field: RTCPSSRCField) -> SSRC
}

/// Writable SSRC fields of one RTCP packet: reads the SSRC at an offset, asks the mapping, and
/// writes the answer back in place.
///
/// Invariant: `bytes` is the writable memory of one packet without its padding; offsets outside
/// it are ignored, so a rewrite never writes past the packet.
struct SSRCFieldRewriter<Mapping: SSRCMapping> {
    let bytes: UnsafeMutableRawBufferPointer

    func rewrite(at offset: Int, field: RTCPSSRCField, using mapping: inout Mapping) {
        guard offset >= 0, offset + 4 <= bytes.count else { return }
        let old = SSRC(bytes.u32(offset))
        let new = mapping.map(old, field: field)
        if new != old { bytes.setU32(new.rawValue, at: offset) }
    }
}
