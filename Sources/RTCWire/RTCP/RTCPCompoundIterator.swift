/// A compound RTCP packet (RFC 3550 §6.1): individual packets back to back, each with its own
/// header and length. Iterating yields each packet's typed view without allocating.
///
/// Invariant: iteration yields `.success` for each well-formed packet in order and stops after
/// the first `.failure` (a malformed packet leaves no reliable start for the next one). Padding
/// is accepted on any packet, not only the last as RFC 3550 §6.4.1 asks, because libwebrtc pads
/// transport-wide feedback packets that it then sends in compounds. An empty buffer yields
/// nothing. Valid only while `bytes` is.
public struct RTCPCompoundPacket: Sequence {
    public let bytes: UnsafeRawBufferPointer

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public func makeIterator() -> RTCPCompoundIterator { RTCPCompoundIterator(bytes: bytes) }

    /// Walks the compound packet in `buffer` and offers every SSRC field of every typed packet to
    /// `mapping`, writing each answer back in place (an SFU maps subscriber-facing SSRCs in
    /// feedback back to the publisher's, and the publisher's SSRCs in reports to the
    /// subscriber's). `other` packets are left as they are.
    ///
    /// Returns the number of packets walked, or the error of the first malformed packet; the
    /// packets before it have been rewritten by then, so drop the whole compound on failure.
    public static func rewriteSSRCs<M: SSRCMapping>(in buffer: UnsafeMutableRawBufferPointer,
                                                    using mapping: inout M) -> Result<Int, RTCPParseError> {
        var iterator = RTCPCompoundIterator(bytes: UnsafeRawBufferPointer(buffer))
        var count = 0
        while let result = iterator.next() {
            switch result {
            case .failure(let error):
                return .failure(error)
            case .success(let packet):
                let start = iterator.packetOffset
                let end = start + packet.raw.bytes.count
                guard start >= 0, end <= buffer.count else { continue }
                packet.rewriteSSRCs(in: UnsafeMutableRawBufferPointer(rebasing: buffer[start..<end]), using: &mapping)
                count += 1
            }
        }
        return .success(count)
    }
}

/// Iterates the packets of an `RTCPCompoundPacket`; see there for the invariant.
public struct RTCPCompoundIterator: IteratorProtocol {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the next packet's header; past the end once a packet was malformed.
    private(set) var offset = 0
    /// Offset of the header of the packet last yielded.
    private(set) var packetOffset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public mutating func next() -> Result<RTCPPacket, RTCPParseError>? {
        guard offset < bytes.count else { return nil }
        let start = offset
        packetOffset = start
        switch RTCPRawPacket.parse(UnsafeRawBufferPointer(rebasing: bytes[start...])) {
        case .failure(let error):
            offset = bytes.count
            if case .truncatedHeader(_, let available) = error {
                return .failure(.truncatedHeader(offset: start, available: available))
            }
            return .failure(error)
        case .success(let raw):
            offset = start + raw.header.packetSize
            let packet = RTCPPacket.parse(raw)
            if case .failure = packet { offset = bytes.count }
            return packet
        }
    }
}
