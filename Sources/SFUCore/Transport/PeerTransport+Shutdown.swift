public import RTCWire

/// The RTCP goodbye a transport's owner sends before it closes the transport at shutdown
/// (RFC 3550 §6.6): per datagram one compound packet, an empty receiver report (RR, no report
/// blocks) from `reporter`, then BYE packets naming the SSRCs that leave, at most 31 each, each
/// with the reason ``reason``. After it, `PeerTransport.close()` sends DTLS close_notify (see
/// ``PeerTransport/closeSendsCloseNotify``).
///
/// Sans-IO: writes bytes into the caller's buffer; the caller protects them (SRTCP) and sends.
///
/// Invariants: a compound is never larger than ``maximumCompoundSize`` (nor the buffer), so it
/// fits one datagram with SRTCP's trailer; it always begins with the RR and holds at least one
/// BYE; the SSRCs of successive calls (`from` = the previous call's `next`) are each named
/// exactly once, in order.
public enum RTCPGoodbye {
    /// The reason written in every BYE.
    public static let reason = Array("server shutting down".utf8)
    /// The largest compound packet written, before SRTCP adds its trailer (at most 20 bytes).
    public static let maximumCompoundSize = 1_100
    /// SSRCs one BYE packet can name (its 5-bit count).
    static let ssrcsPerPacket = 31

    /// Writes one compound packet for `ssrcs[start...]` (as many as fit) into `buffer`; returns
    /// its length and the index of the first SSRC not in it. Nil when `start` is not an index of
    /// `ssrcs`, or the buffer cannot hold the RR and a BYE naming one SSRC.
    public static func write(
        into buffer: UnsafeMutableRawBufferPointer, reporter: SSRC, leaving ssrcs: [SSRC], from start: Int
    ) -> (length: Int, next: Int)? {
        guard ssrcs.indices.contains(start) else { return nil }
        let limit = min(buffer.count, maximumCompoundSize)
        let area = UnsafeMutableRawBufferPointer(rebasing: buffer[..<limit])
        guard var length = ReceiverReport.write(into: area, senderSSRC: reporter, reportBlocks: []) else { return nil }
        let reasonSize = (1 + reason.count + 3) & ~3
        var next = start
        while next < ssrcs.count {
            let room = (limit - length - RTCPHeader.size - reasonSize) / 4
            let count = min(ssrcsPerPacket, ssrcs.count - next, room)
            guard count > 0,
                  let written = Goodbye.write(
                    into: UnsafeMutableRawBufferPointer(rebasing: area[length...]), ssrcs: Array(ssrcs[next..<(next + count)]),
                    reason: reason)
            else { break }
            length += written
            next += count
        }
        return next > start ? (length, next) : nil
    }
}

extension PeerTransport {
    /// Whether `close()` sends the peer DTLS close_notify now: its DTLS association is up and
    /// the transport is not closed yet.
    public var closeSendsCloseNotify: Bool { !isClosed && dtlsState == .connected }
}
