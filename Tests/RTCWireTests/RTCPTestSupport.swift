import Testing
import RTCWire

/// Helpers for the RTCP tests: hand-written packets as hex, and parsing or building while the
/// borrowed memory is alive.
enum RTCPTest {
    /// Bytes from hex digits; spaces and line breaks are ignored.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.filter { $0.isHexDigit }
        precondition(digits.count % 2 == 0, "odd number of hex digits")
        var result: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            result.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    /// Iterates `bytes` as a compound packet and hands every result to `body` while the views
    /// are valid.
    static func withPackets<R>(_ bytes: [UInt8], _ body: ([Result<RTCPPacket, RTCPParseError>]) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { buffer in
            try body(Array(RTCPCompoundPacket(buffer)))
        }
    }

    /// Hands the only packet of `bytes` to `body`; records an issue when it is not exactly one
    /// well-formed packet.
    static func withSinglePacket(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation,
                                 _ body: (RTCPPacket) throws -> Void) rethrows {
        try withPackets(bytes) { results in
            guard results.count == 1, case .success(let packet) = results[0] else {
                Issue.record("expected one well-formed packet, got \(results)", sourceLocation: sourceLocation)
                return
            }
            try body(packet)
        }
    }

    /// The first error met while iterating `bytes`, or nil when every packet is well-formed.
    static func firstError(_ bytes: [UInt8]) -> RTCPParseError? {
        withPackets(bytes) { results in
            for case .failure(let error) in results { return error }
            return nil
        }
    }

    /// Runs a builder on a buffer of `capacity` bytes; the bytes written, or nil when it refused.
    static func build(capacity: Int = 1500, _ write: (UnsafeMutableRawBufferPointer) -> Int?) -> [UInt8]? {
        var storage = [UInt8](repeating: 0xEE, count: capacity)
        let written = storage.withUnsafeMutableBytes { write($0) }
        guard let written else { return nil }
        return Array(storage[0..<written])
    }

    static func array(_ buffer: UnsafeRawBufferPointer?) -> [UInt8]? { buffer.map { Array($0) } }
}

/// Records every SSRC offered during a rewrite and answers with a table lookup (unmapped SSRCs
/// are kept).
struct RecordingSSRCMapping: SSRCMapping {
    var table: [SSRC: SSRC]
    var offered: [Offer] = []

    struct Offer: Equatable, CustomStringConvertible {
        let ssrc: UInt32
        let field: RTCPSSRCField
        var description: String { "\(ssrc)@\(field)" }
    }

    init(_ table: [UInt32: UInt32]) {
        var converted: [SSRC: SSRC] = [:]
        for (key, value) in table { converted[SSRC(key)] = SSRC(value) }
        self.table = converted
    }

    mutating func map(_ ssrc: SSRC, field: RTCPSSRCField) -> SSRC {
        offered.append(Offer(ssrc: ssrc.rawValue, field: field))
        return table[ssrc] ?? ssrc
    }
}
