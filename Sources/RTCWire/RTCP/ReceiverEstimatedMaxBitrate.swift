/// A receiver estimated maximum bitrate, REMB (draft-alvestrand-rmcat-remb-03 §2.2): an
/// application layer feedback message (PSFB FMT 15) with the identifier "REMB", a bitrate as
/// a 6-bit exponent and 18-bit mantissa, and the SSRCs the estimate applies to. Read in place.
///
/// Invariant: the packet holds the 20 bytes up to the bitrate and the announced SSRC list; the
/// identifier is "REMB". The header's media source SSRC is unused (0 by the draft). Valid while
/// the buffer is.
public struct ReceiverEstimatedMaxBitrate {
    /// Size of the feedback header, identifier, count and bitrate, before the SSRC list.
    static let fixedSize = 20
    /// "REMB" in ASCII.
    static let identifier: UInt32 = 0x5245_4D42
    /// The mantissa field is 18 bits wide.
    static let mantissaLimit: UInt64 = 1 << 18

    public let raw: RTCPRawPacket

    /// True when an application layer feedback packet carries the "REMB" identifier.
    static func hasIdentifier(_ raw: RTCPRawPacket) -> Bool {
        raw.bytes.count >= FeedbackLayout.fciOffset + 4 && raw.bytes.u32(FeedbackLayout.fciOffset) == identifier
    }

    /// Checks that the bitrate and the announced SSRC list fit in a packet for which
    /// `hasIdentifier` holds.
    static func parse(_ raw: RTCPRawPacket) -> Result<ReceiverEstimatedMaxBitrate, RTCPParseError> {
        if let error = raw.require(fixedSize) { return .failure(error) }
        if let error = raw.require(fixedSize + 4 * Int(raw.bytes[16])) { return .failure(error) }
        return .success(ReceiverEstimatedMaxBitrate(raw: raw))
    }

    public var senderSSRC: SSRC { raw.ssrc(at: FeedbackLayout.senderOffset) }
    /// The header's media source field (0 by the draft; the SSRC list names the sources).
    public var mediaSSRC: SSRC { raw.ssrc(at: FeedbackLayout.mediaSourceOffset) }
    /// The 6-bit exponent of the bitrate.
    public var exponent: UInt8 { raw.bytes[17] >> 2 }
    /// The 18-bit mantissa of the bitrate.
    public var mantissa: UInt32 { raw.bytes.u24(17) & 0x3_FFFF }
    /// The estimate in bits per second, `mantissa << exponent`, saturated at `UInt64.max`.
    public var bitrate: UInt64 {
        let mantissa = UInt64(self.mantissa)
        let exponent = Int(self.exponent)
        guard mantissa.leadingZeroBitCount >= exponent else { return .max }
        return mantissa << exponent
    }
    public var ssrcs: SSRCList { SSRCList(bytes: raw.bytes, offset: Self.fixedSize, count: Int(raw.bytes[16])) }

    func rewriteSSRCs<M: SSRCMapping>(_ packet: SSRCFieldRewriter<M>, using mapping: inout M) {
        packet.rewrite(at: FeedbackLayout.senderOffset, field: .sender, using: &mapping)
        packet.rewrite(at: FeedbackLayout.mediaSourceOffset, field: .mediaSource, using: &mapping)
        ssrcs.rewriteSSRCs(packet, field: .bitrateEstimateEntry, using: &mapping)
    }

    /// Writes a REMB into `buffer` with the header's media source set to 0; returns the bytes
    /// written, or nil when it does not fit or there are more than 255 SSRCs. The bitrate is
    /// rounded down to what an 18-bit mantissa with the smallest sufficient exponent can hold.
    public static func write(into buffer: UnsafeMutableRawBufferPointer, senderSSRC: SSRC, bitrate: UInt64,
                             ssrcs: [SSRC]) -> Int? {
        guard ssrcs.count <= 255 else { return nil }
        var exponent: UInt32 = 0
        var mantissa = bitrate
        while mantissa >= mantissaLimit {
            mantissa >>= 1
            exponent += 1
        }
        let size = fixedSize + 4 * ssrcs.count
        var writer = RTCPWriter(buffer)
        writer.feedbackHeader(format: FeedbackLayout.applicationLayerFormat, type: .payloadSpecificFeedback,
                              packetSize: size, senderSSRC: senderSSRC, mediaSSRC: SSRC(0))
        writer.u32(identifier)
        writer.u8(UInt8(ssrcs.count))
        writer.u24(exponent << 18 | UInt32(mantissa))
        for ssrc in ssrcs { writer.ssrc(ssrc) }
        return writer.finish(expectedSize: size)
    }
}
