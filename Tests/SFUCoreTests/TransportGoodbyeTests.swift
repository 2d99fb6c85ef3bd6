import DTLS
import ICE
import RTCWire
import SFUCore
import SRTP
import Testing

/// The shutdown goodbye of a transport: the RTCP compound (RR + BYE) parsed back, and a real
/// transport's protected goodbye and DTLS close_notify as its peer sees them.
@Suite("Transport goodbye: RTCP RR + BYE and DTLS close_notify")
struct TransportGoodbyeTests {
    /// What one compound packet says, read back with RTCWire's parser.
    struct ParsedGoodbye: Equatable {
        var reporter: SSRC?
        var reportBlocks = 0
        var leaving: [SSRC] = []
        var reasons: [String] = []
        /// Packet types in order: "RR", "BYE", or another type's number.
        var kinds: [String] = []
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedGoodbye? {
        var parsed = ParsedGoodbye()
        for result in RTCPCompoundPacket(bytes) {
            guard case .success(let packet) = result else { return nil }
            switch packet {
            case .receiverReport(let report):
                parsed.kinds.append("RR")
                parsed.reporter = report.senderSSRC
                parsed.reportBlocks += report.reportBlocks.count
            case .goodbye(let goodbye):
                parsed.kinds.append("BYE")
                parsed.leaving += Array(goodbye.ssrcs)
                if let reason = goodbye.reason { parsed.reasons.append(String(decoding: reason, as: UTF8.self)) }
            default:
                parsed.kinds.append("other")
            }
        }
        return parsed
    }

    static func write(_ ssrcs: [SSRC], reporter: SSRC, bufferSize: Int = 2048) -> [(bytes: [UInt8], next: Int)] {
        var compounds: [([UInt8], Int)] = []
        var next = 0
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while next < ssrcs.count {
            guard let (length, after) = buffer.withUnsafeMutableBytes({
                RTCPGoodbye.write(into: $0, reporter: reporter, leaving: ssrcs, from: next)
            }) else { break }
            compounds.append((Array(buffer[..<length]), after))
            next = after
        }
        return compounds
    }

    @Test("a few SSRCs: one compound, an empty RR from the reporter, then one BYE naming them with the reason")
    func fewSSRCs() throws {
        let ssrcs = [SSRC(0x1111_1111), SSRC(0x2222_2222), SSRC(0xFFFF_FFFF)]
        let compounds = Self.write(ssrcs, reporter: ssrcs[0])
        try #require(compounds.count == 1)
        #expect(compounds[0].next == 3)
        let parsed = try #require(compounds[0].bytes.withUnsafeBytes { Self.parse($0) })
        #expect(parsed == ParsedGoodbye(
            reporter: SSRC(0x1111_1111), reportBlocks: 0, leaving: ssrcs, reasons: ["server shutting down"], kinds: ["RR", "BYE"]))
        // RR: 8 bytes; BYE: header, 3 SSRCs, reason length octet + 20 bytes padded to 24.
        #expect(compounds[0].bytes.count == 8 + 4 + 12 + 24)
        #expect(compounds[0].bytes[0] == 0x80 && compounds[0].bytes[1] == 201, "RR first, no report blocks")
    }

    @Test("many SSRCs: BYEs of at most 31, compounds within the size limit, every SSRC once and in order")
    func manySSRCs() throws {
        let ssrcs = (1...700).map { SSRC(UInt32($0) &* 2_654_435_761) }
        let compounds = Self.write(ssrcs, reporter: SSRC(1))
        // RR 8 bytes, then BYEs of 31 SSRCs with the reason (4 + 124 + 24 bytes): 7 of them fit
        // 1,100 bytes, so 217 SSRCs a compound.
        #expect(compounds.map(\.next) == [217, 434, 651, 700], "\(compounds.map(\.bytes.count))")
        #expect(compounds.first?.bytes.count == 8 + 7 * 152)
        var named: [SSRC] = []
        for compound in compounds {
            #expect(compound.bytes.count <= RTCPGoodbye.maximumCompoundSize)
            let parsed = try #require(compound.bytes.withUnsafeBytes { Self.parse($0) })
            #expect(parsed.kinds.first == "RR" && parsed.kinds.dropFirst().allSatisfy { $0 == "BYE" }, "\(parsed.kinds)")
            #expect(parsed.reporter == SSRC(1))
            #expect(parsed.reasons.count == parsed.kinds.count - 1)
            named += parsed.leaving
        }
        #expect(named == ssrcs)
        #expect(compounds.last?.next == ssrcs.count)
    }

    @Test("nothing to name, a start past the end, or a buffer too small for RR + one BYE: nil")
    func refusals() {
        var buffer = [UInt8](repeating: 0, count: 2048)
        buffer.withUnsafeMutableBytes { bytes in
            #expect(RTCPGoodbye.write(into: bytes, reporter: SSRC(1), leaving: [], from: 0) == nil)
            #expect(RTCPGoodbye.write(into: bytes, reporter: SSRC(1), leaving: [SSRC(5)], from: 1) == nil)
            #expect(RTCPGoodbye.write(into: bytes, reporter: SSRC(1), leaving: [SSRC(5)], from: -1) == nil)
            // RR 8 + BYE header 4 + one SSRC 4 + reason 24 = 40 bytes.
            let small = UnsafeMutableRawBufferPointer(rebasing: bytes[..<39])
            #expect(RTCPGoodbye.write(into: small, reporter: SSRC(1), leaving: [SSRC(5)], from: 0) == nil)
            let exact = UnsafeMutableRawBufferPointer(rebasing: bytes[..<40])
            #expect(RTCPGoodbye.write(into: exact, reporter: SSRC(1), leaving: [SSRC(5), SSRC(6)], from: 0)?.next == 1)
        }
    }

    @Test("a connected transport: its SRTCP goodbye decrypts at the peer to RR + BYE, then close sends close_notify the peer sees")
    func connectedTransport() throws {
        var scenario = try PeerTransportTests.Scenario()
        let peerSRTP = try scenario.connect()
        #expect(scenario.table.transport(at: scenario.slot)?.closeSendsCloseNotify == true)

        let leaving = [SSRC(1)]
        var buffer = [UInt8](repeating: 0, count: 2048)
        let transmit = try #require(buffer.withUnsafeMutableBytes { bytes -> PeerTransmit? in
            guard let (length, _) = RTCPGoodbye.write(into: bytes, reporter: leaving[0], leaving: leaving, from: 0) else { return nil }
            return scenario.table.protectRTCP(scenario.slot, bytes, length: length)
        })
        #expect(transmit.destination == PeerTransportTests.client)
        let parsed = try buffer.withUnsafeMutableBytes { bytes -> ParsedGoodbye? in
            guard case .ok(let length) = peerSRTP.unprotectRTCP(bytes, length: transmit.byteCount) else { return nil }
            return Self.parse(UnsafeRawBufferPointer(rebasing: bytes[..<length]))
        }
        #expect(parsed?.kinds == ["RR", "BYE"])
        #expect(parsed?.leaving == leaving)

        scenario.table.close(scenario.slot)
        #expect(scenario.table.transport(at: scenario.slot)?.closeSendsCloseNotify == false)
        let sent = scenario.drain()
        #expect(sent.count == 1, "one close_notify record")
        for (destination, datagram) in sent {
            #expect(destination == PeerTransportTests.client)
            datagram.withUnsafeBytes { scenario.clientDTLS.handleDatagram($0, now: UInt64(scenario.now.nanoseconds)) }
        }
        var peerEvents: [DTLSEvent] = []
        while let event = scenario.clientDTLS.pollEvent() { peerEvents.append(event) }
        #expect(peerEvents == [.closed], "the peer sees close_notify")
        #expect(scenario.clientDTLS.state == .closed)
        #expect(scenario.events().last == .closed)
    }

    @Test("a transport whose DTLS never connected sends no close_notify when closed")
    func unconnectedTransport() throws {
        var scenario = try PeerTransportTests.Scenario()
        #expect(scenario.table.transport(at: scenario.slot)?.closeSendsCloseNotify == false)
        scenario.table.close(scenario.slot)
        #expect(scenario.drain().isEmpty)
    }
}
