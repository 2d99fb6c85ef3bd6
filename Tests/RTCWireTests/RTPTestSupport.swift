import Testing
import RTCWire

/// Packets and helpers shared by the RTP test suites. Every expected value in those suites is
/// worked out by hand from the bytes written here, as the comments beside them show.
enum RTPTestPackets {
    /// Bytes from hex digits; spaces and newlines are ignored.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.compactMap { $0.hexDigitValue }
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
    }

    /// An Opus packet laid out the way Chrome sends audio, with Chrome's usual extension IDs:
    /// 1 ssrc-audio-level, 2 abs-send-time, 3 transport-wide-cc, 4 sdes:mid.
    static let audio = bytes("""
        90 6F 1A 2B   00 0B B8 00   12 34 56 78
        BE DE 00 03
        10 D5   22 01 02 03   31 00 2A   40 30   00
        78 0B E4 C1 36 EC C5 8D 8C 49 46 99
        """)
    // 0x90: V=2 P=0 X=1 CC=0. 0x6F: M=0 PT=111. seq 0x1A2B = 6699. ts 0x000BB800 = 768000.
    // SSRC 0x12345678 = 305419896. Extension: one-byte form, 3 words (12 bytes) at 16..<28:
    //   0x10 at 16: id 1, 1 byte 0xD5 (V=1, level 0x55 = 85) at 17..<18
    //   0x22 at 18: id 2, 3 bytes 0x010203 = 66051 at 19..<22
    //   0x31 at 22: id 3, 2 bytes 0x002A = 42 at 23..<25
    //   0x40 at 25: id 4, 1 byte "0" at 26..<27; one padding byte at 27.
    // Payload 28..<40 (12 bytes), no padding.

    /// A video packet with every optional part: marker, two CSRCs, a two-byte extension block
    /// holding an empty element and a padding byte between elements, and RTP padding.
    static let video = bytes("""
        B2 E0 00 05   FF FF FF FF   DE AD BE EF
        00 00 00 01   CA FE BA BE
        10 07 00 03
        05 00   00   0C 03 61 62 63   F0 02 01 02
        01 02 03 04 05
        00 00 03
        """)
    // 0xB2: V=2 P=1 X=1 CC=2. 0xE0: M=1 PT=96. seq 5. ts 0xFFFFFFFF = 4294967295.
    // SSRC 0xDEADBEEF = 3735928559. CSRCs 1 and 0xCAFEBABE = 3405691582.
    // Extension at 20: profile 0x1007 (two-byte form, appbits 7), 3 words = 12 bytes at 24..<36:
    //   id 5 at 24, length 0, data 26..<26; padding byte at 26
    //   id 12 at 27, length 3, "abc" at 29..<32
    //   id 240 at 32, length 2, 0x0102 at 34..<36
    // Payload 36..<41 (5 bytes), padding 41..<44 (count 3 in the last byte).

    /// The smallest valid packet: a fixed header alone (V=2, PT 0, seq 0, ts 0, SSRC 1).
    static let minimal = bytes("80 00 00 00 00 00 00 00 00 00 00 01")

    /// Parses a copy of `bytes` in place and runs `body` on it; records an issue when parsing fails.
    static func withPacket(_ bytes: inout [UInt8], sourceLocation: SourceLocation = #_sourceLocation,
                           _ body: (RTPPacket) throws -> Void) rethrows {
        try bytes.withUnsafeMutableBytes { buffer in
            switch RTPPacket.parse(buffer) {
            case .success(let packet): try body(packet)
            case .failure(let error): Issue.record("parse failed: \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Parses `bytes` read-only and runs `body` on the view; records an issue when parsing fails.
    static func withView(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: (RTPPacketView) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { buffer in
            switch RTPPacketView.parse(buffer) {
            case .success(let view): try body(view)
            case .failure(let error): Issue.record("parse failed: \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The error parsing `bytes` gives, or nil when it parses.
    static func parseError(_ bytes: [UInt8]) -> RTPParseError? {
        bytes.withUnsafeBytes { buffer in
            if case .failure(let error) = RTPPacketView.parse(buffer) { return error }
            return nil
        }
    }

    /// (id, data) of every extension element in wire order.
    static func elements(_ view: RTPPacketView) -> [(id: UInt8, data: [UInt8])] {
        view.extensions.map { (id: $0.id, data: Array($0.data)) }
    }
}
