/// One individual RTCP packet cut out of a compound packet, before its body is interpreted.
///
/// Invariant: `bytes` starts with `header` and holds the packet without its padding, so
/// `4 <= bytes.count <= header.packetSize`; `header.packetSize` bytes (padding included) were
/// present in the buffer it was cut from. The packet copies nothing and is valid only while
/// that buffer is.
public struct RTCPRawPacket {
    public let header: RTCPHeader
    /// The packet from its header up to, not including, its padding.
    public let bytes: UnsafeRawBufferPointer

    /// Cuts the packet that starts `bytes`: checks the header, that the length field stays
    /// within `bytes`, and that any padding count fits inside the packet after its header.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<RTCPRawPacket, RTCPParseError> {
        let header: RTCPHeader
        switch RTCPHeader.parse(bytes) {
        case .success(let parsed): header = parsed
        case .failure(let error): return .failure(error)
        }
        let size = header.packetSize
        guard size <= bytes.count else {
            return .failure(.lengthBeyondBuffer(declared: size, available: bytes.count))
        }
        var contentSize = size
        if header.hasPadding {
            let count = bytes[size - 1]
            guard count > 0, Int(count) <= size - RTCPHeader.size else {
                return .failure(.invalidPadding(count: count, packetSize: size))
            }
            contentSize -= Int(count)
        }
        return .success(RTCPRawPacket(header: header,
                                      bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<contentSize])))
    }

    /// The 32-bit word at `offset` as an SSRC; the caller has checked `offset + 4 <= bytes.count`.
    func ssrc(at offset: Int) -> SSRC { SSRC(bytes.u32(offset)) }

    /// A `truncatedBody` error unless the packet holds at least `needed` bytes.
    func require(_ needed: Int) -> RTCPParseError? {
        needed <= bytes.count ? nil
            : .truncatedBody(packetType: header.packetType.rawValue, needed: needed, available: bytes.count)
    }
}
