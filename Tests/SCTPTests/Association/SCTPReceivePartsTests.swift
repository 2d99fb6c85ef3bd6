@testable import SCTP
import TestSupport
import Testing

@Suite("Notifications and message parts")
struct SCTPReceivePartsTests {
    static func parse(_ bytes: [UInt8]) -> SCTPNotification? {
        bytes.withUnsafeBytes { SCTPNotification.parse($0) }
    }

    /// Host-order (little-endian here) fields as usrsctp lays them out.
    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }

    static func associationChange(state: UInt16, outbound: UInt16, inbound: UInt16, info: [UInt8] = []) -> [UInt8] {
        le16(0x0001) + le16(0) + le32(UInt32(20 + info.count)) + le16(state) + le16(0) + le16(outbound) + le16(inbound) + le32(7) + info
    }

    @Test("association changes: up, lost, lost by the peer's ABORT, shutdown complete")
    func associationChanges() {
        #expect(Self.parse(Self.associationChange(state: 1, outbound: 10, inbound: 20, info: [1, 3, 5]))
            == .associationChange(state: 1, outboundStreams: 10, inboundStreams: 20, peerAborted: false))
        #expect(Self.parse(Self.associationChange(state: 2, outbound: 0, inbound: 0))
            == .associationChange(state: 2, outboundStreams: 0, inboundStreams: 0, peerAborted: false))
        #expect(Self.parse(Self.associationChange(state: 2, outbound: 0, inbound: 0, info: [6, 0, 0, 4]))
            == .associationChange(state: 2, outboundStreams: 0, inboundStreams: 0, peerAborted: true))
        #expect(Self.parse(Self.associationChange(state: 4, outbound: 0, inbound: 0))
            == .associationChange(state: 4, outboundStreams: 0, inboundStreams: 0, peerAborted: false))
    }

    @Test("stream resets carry their flags and streams; other notifications are named by type")
    func otherNotifications() {
        let reset = Self.le16(0x0009) + Self.le16(0x0001) + Self.le32(16) + Self.le32(7) + Self.le16(4) + Self.le16(300)
        #expect(Self.parse(reset) == .streamReset(flags: 1, streams: [4, 300]))
        let all = Self.le16(0x0009) + Self.le16(0x0002) + Self.le32(12) + Self.le32(7)
        #expect(Self.parse(all) == .streamReset(flags: 2, streams: []))
        let shutdown = Self.le16(0x0005) + Self.le16(0) + Self.le32(12) + Self.le32(7)
        #expect(Self.parse(shutdown) == .peerShutdown)
        let aborted = Self.le16(0x0007) + Self.le16(0) + Self.le32(24) + Self.le32(1) + Self.le32(3) + Self.le32(9) + Self.le32(7)
        #expect(Self.parse(aborted) == .partialDeliveryAborted)
        let dry = Self.le16(0x000A) + Self.le16(0) + Self.le32(12) + Self.le32(7)
        #expect(Self.parse(dry) == .other(type: 0x000A))
    }

    @Test("a notification shorter than it says, or than its fixed part, is refused")
    func truncated() {
        #expect(Self.parse([]) == nil)
        #expect(Self.parse(Array(Self.associationChange(state: 1, outbound: 1, inbound: 1).prefix(19))) == nil)
        #expect(Self.parse(Self.le16(0x0001) + Self.le16(0) + Self.le32(8)) == nil)
        #expect(Self.parse(Self.le16(0x0009) + Self.le16(0) + Self.le32(40) + Self.le32(7)) == nil)
        #expect(Self.parse(Self.le16(0x0009) + Self.le16(0) + Self.le32(4) + Self.le32(7)) == nil)
    }

    @Test("parsing never traps on random or mutated notifications")
    func fuzz() {
        let seeds = [
            Self.associationChange(state: 2, outbound: 1, inbound: 1, info: [6, 0, 0, 4]),
            Self.le16(0x0009) + Self.le16(0x0001) + Self.le32(16) + Self.le32(7) + Self.le16(4) + Self.le16(300),
        ]
        var parsed = 0
        forEachMutatedPacket(count: 20_000, seed: 0x50_7E, seeds: seeds) { bytes in
            if SCTPNotification.parse(UnsafeRawBufferPointer(bytes)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }

    static func take(_ assembler: inout SCTPMessageAssembler, _ bytes: [UInt8], last: Bool) -> SCTPMessageAssembler.Outcome {
        bytes.withUnsafeBytes { assembler.take($0, isLast: last) }
    }

    @Test("parts join into one message; a message over the limit is discarded whole")
    func assembler() {
        var assembler = SCTPMessageAssembler(limit: 10)
        #expect(Self.take(&assembler, [1, 2, 3], last: true) == .message([1, 2, 3]))
        #expect(Self.take(&assembler, [1, 2, 3, 4], last: false) == .incomplete)
        #expect(Self.take(&assembler, [5, 6], last: false) == .incomplete)
        #expect(Self.take(&assembler, [7, 8, 9, 10], last: true) == .message([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
        #expect(Self.take(&assembler, [UInt8](repeating: 1, count: 11), last: true) == .oversize)
        #expect(Self.take(&assembler, [UInt8](repeating: 1, count: 8), last: false) == .incomplete)
        #expect(Self.take(&assembler, [1, 2, 3], last: false) == .incomplete)
        #expect(Self.take(&assembler, [1], last: true) == .oversize)
        #expect(Self.take(&assembler, [4, 4], last: true) == .message([4, 4]), "the next message starts clean")
        #expect(Self.take(&assembler, [1, 2], last: false) == .incomplete)
        assembler.abandon()
        #expect(Self.take(&assembler, [3], last: true) == .message([3]))
    }
}
