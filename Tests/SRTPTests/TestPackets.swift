import SRTP

/// Plain RTP and RTCP packets and keying material for the SRTP tests, built byte by byte from
/// RFC 3550 layouts.
enum TestPackets {
    /// A 12-byte RTP header (V=2, PT 96) followed by `payloadLength` bytes of a seq-dependent pattern.
    static func rtp(
        sequence: UInt16,
        ssrc: UInt32 = 0x1122_3344,
        payloadLength: Int,
        marker: Bool = false
    ) -> [UInt8] {
        let timestamp = UInt32(sequence) &* 3000
        var packet: [UInt8] = [0x80, marker ? 0xE0 : 0x60]
        packet += bigEndian(UInt32(sequence) << 16).prefix(2)
        packet += bigEndian(timestamp)
        packet += bigEndian(ssrc)
        packet += (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &+ Int(sequence)) }
        return packet
    }

    /// An RTP packet with two CSRCs and a one-byte header extension (RFC 8285) carrying a
    /// 1-byte audio level and 3-byte transport-wide sequence number style elements.
    static func rtpWithCSRCAndExtension(sequence: UInt16, ssrc: UInt32, payloadLength: Int) -> [UInt8] {
        var packet: [UInt8] = [0x92, 0x6F]  // V=2, X=1, CC=2; PT 111
        packet += bigEndian(UInt32(sequence) << 16).prefix(2)
        packet += bigEndian(0x0102_0304)
        packet += bigEndian(ssrc)
        packet += bigEndian(0xCAFE_0001) + bigEndian(0xCAFE_0002)
        packet += [0xBE, 0xDE, 0x00, 0x02]  // profile 0xBEDE, 2 words
        packet += [0x10, 0x7F, 0x21, 0x00, 0x05, 0x00, 0x00, 0x00]
        packet += (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        return packet
    }

    /// An RTCP APP packet (PT 204) from `ssrc` with `dataLength` bytes of data (a multiple of 4).
    static func rtcpApp(ssrc: UInt32 = 0x5566_7788, dataLength: Int) -> [UInt8] {
        let words = (12 + dataLength) / 4 - 1
        var packet: [UInt8] = [0x80, 204]
        packet += bigEndian(UInt32(words) << 16).prefix(2)
        packet += bigEndian(ssrc)
        packet += Array("TEST".utf8)
        packet += (0..<dataLength).map { UInt8(truncatingIfNeeded: 255 &- $0) }
        return packet
    }

    /// A compound RTCP packet: a sender report with no report blocks, then an SDES CNAME chunk.
    static func rtcpSenderReportWithSDES(ssrc: UInt32) -> [UInt8] {
        var packet: [UInt8] = [0x80, 200, 0x00, 0x06]
        packet += bigEndian(ssrc)
        packet += bigEndian(0xE5A1_0000) + bigEndian(0x0000_8000)  // NTP timestamp
        packet += bigEndian(0x0001_0000) + bigEndian(42) + bigEndian(4200)  // RTP ts, packets, octets
        packet += [0x81, 202, 0x00, 0x03]
        packet += bigEndian(ssrc)
        packet += [0x01, 0x04] + Array("peer".utf8) + [0x00, 0x00]
        return packet
    }

    /// Deterministic stand-in for a DTLS exporter output of `length` bytes.
    static func exported(length: Int, seed: UInt8 = 11) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ Int(seed)) }
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}

/// The four in-place operations of an `SRTPSession`.
enum SRTPOperation: CaseIterable {
    case protectRTP, protectRTCP, unprotectRTP, unprotectRTCP
}

/// A packet in a buffer with spare capacity, as a worker's receive or send slot would hold it.
struct PacketSlot {
    var storage: [UInt8]
    var length: Int

    init(_ packet: [UInt8], capacity: Int = 2048) {
        storage = packet + [UInt8](repeating: 0, count: max(0, capacity - packet.count))
        length = packet.count
    }

    var packet: [UInt8] { Array(storage[..<length]) }

    /// Runs one in-place operation of `session` and adopts the new length on success.
    mutating func run(_ operation: SRTPOperation, _ session: SRTPSession) -> SRTPResult {
        let length = self.length
        let result = storage.withUnsafeMutableBytes { buffer in
            switch operation {
            case .protectRTP: session.protectRTP(buffer, length: length)
            case .protectRTCP: session.protectRTCP(buffer, length: length)
            case .unprotectRTP: session.unprotectRTP(buffer, length: length)
            case .unprotectRTCP: session.unprotectRTCP(buffer, length: length)
            }
        }
        if case .ok(let newLength) = result { self.length = newLength }
        return result
    }
}
