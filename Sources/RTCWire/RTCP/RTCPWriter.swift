/// A forward-only cursor that writes one RTCP packet into a caller-provided buffer.
///
/// Invariant: nothing is ever written outside `buffer`; a write that would not fit sets
/// `overflowed` and is dropped, so a builder that checks `finish` never reports a partial packet.
struct RTCPWriter {
    /// Largest packet the 16-bit length field can describe: 65536 words.
    static let maximumPacketSize = 65536 * 4

    let buffer: UnsafeMutableRawBufferPointer
    private(set) var position = 0
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    private mutating func reserve(_ count: Int) -> Int? {
        guard !overflowed, count <= buffer.count - position else {
            overflowed = true
            return nil
        }
        defer { position += count }
        return position
    }

    /// Writes the 4-byte header for a packet of `packetSize` bytes (a multiple of 4, no padding).
    mutating func header(count: UInt8, type: RTCPPacketType, packetSize: Int) {
        guard packetSize % 4 == 0, packetSize >= 4, packetSize <= Self.maximumPacketSize else {
            overflowed = true
            return
        }
        u8(0x80 | (count & 0x1F))
        u8(type.rawValue)
        u16(UInt16(truncatingIfNeeded: packetSize / 4 - 1))
    }

    mutating func u8(_ value: UInt8) {
        if let at = reserve(1) { buffer.setU8(value, at: at) }
    }

    mutating func u16(_ value: UInt16) {
        if let at = reserve(2) { buffer.setU16(value, at: at) }
    }

    mutating func u24(_ value: UInt32) {
        if let at = reserve(3) { buffer.setU24(value, at: at) }
    }

    mutating func u32(_ value: UInt32) {
        if let at = reserve(4) { buffer.setU32(value, at: at) }
    }

    mutating func u64(_ value: UInt64) {
        if let at = reserve(8) { buffer.setU64(value, at: at) }
    }

    mutating func ssrc(_ value: SSRC) { u32(value.rawValue) }

    mutating func bytes(_ values: some Collection<UInt8>) {
        guard let at = reserve(values.count) else { return }
        var index = at
        for value in values {
            buffer[index] = value
            index += 1
        }
    }

    /// Writes zero bytes up to the next multiple of 4.
    mutating func zeroPadToWord() {
        while position % 4 != 0 && !overflowed { u8(0) }
    }

    /// The number of bytes written, or nil when a write did not fit or the total differs from
    /// the size announced in the header.
    func finish(expectedSize: Int) -> Int? {
        overflowed || position != expectedSize ? nil : position
    }
}
