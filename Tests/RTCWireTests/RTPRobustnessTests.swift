import TestSupport
import Testing
import RTCWire

@Suite("RTP robustness")
struct RTPRobustnessTests {
    /// Valid packets of every shape for the mutator to start from.
    private static let seeds: [[UInt8]] = {
        var seeds = [RTPTestPackets.audio, RTPTestPackets.video, RTPTestPackets.minimal]
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 96), sequenceNumber: SequenceNumber(1),
                                       timestamp: 90_000, ssrc: SSRC(7))
        builder.csrcs = [SSRC(1), SSRC(2), SSRC(3)]
        builder.extensions = (1...14).map { RTPHeaderExtensionValue(id: UInt8($0), data: [UInt8](repeating: UInt8($0), count: $0)) }
        seeds.append(packet(builder, payloadLength: 1000, paddingLength: 17))
        builder.extensionForm = .twoByte(appBits: 3)
        builder.extensions = [RTPHeaderExtensionValue(id: 200, data: []), RTPHeaderExtensionValue(id: 5, data: [1, 2])]
        seeds.append(packet(builder, payloadLength: 200, paddingLength: 0))
        return seeds
    }()

    private static func packet(_ builder: RTPPacketBuilder, payloadLength: Int, paddingLength: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 1500)
        let payload = (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let length = buffer.withUnsafeMutableBytes { out in
            payload.withUnsafeBytes { (try? builder.write(into: out, payload: $0, paddingLength: paddingLength).get()) ?? 0 }
        }
        return Array(buffer[..<length])
    }

    /// Counts broken invariants and remembers the first one, so 100,000 packets cost one `#expect`.
    private struct Violations {
        var count = 0
        var first: String?
        mutating func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            guard !condition else { return }
            count += 1
            if first == nil { first = what() }
        }
    }

    /// The IDs that `map` below can leave in a block of each form.
    private static let oneByteTargets: Set<UInt8> = [3, 1, 14, 2]
    private static let twoByteTargets: Set<UInt8> = [3, 1, 14, 15, 200, 2, 9]

    @Test func randomAndMutatedPacketsKeepTheInvariants() {
        let map = RTPExtensionIDMap([1: 3, 2: 1, 3: 14, 4: 15, 5: 200, 12: 2, 200: 9])!
        var violations = Violations()
        var parsedCount = 0
        forEachMutatedPacket(count: 100_000, seed: 0x5254_5031, seeds: Self.seeds) { buffer in
            _ = PacketClass(classifying: UnsafeRawBufferPointer(buffer))
            guard case .success(let packet) = RTPPacket.parse(buffer) else { return }
            parsedCount += 1
            Self.checkLayout(packet.view, &violations)
            Self.checkRewrite(packet, map, &violations)
        }
        #expect(violations.count == 0, "\(violations.first ?? "")")
        // Mutating valid seeds must yield many valid packets, or the rewrite checks ran on few.
        #expect(parsedCount > 20_000)
    }

    private static func checkLayout(_ view: RTPPacketView, _ violations: inout Violations) {
        let count = view.bytes.count
        let fixedEnd = 12 + 4 * view.csrcCount
        violations.check(view.headerLength >= fixedEnd, "header shorter than its CSRC list")
        violations.check(view.payloadRange.upperBound + view.paddingLength == count, "payload and padding do not end the packet")
        violations.check(view.payload.count == view.payloadRange.count, "payload pointer length")
        let elementsStart = fixedEnd + 4
        for element in view.extensions {
            violations.check(element.id != 0, "padding reported as an element")
            violations.check(view.extensionForm != .oneByte || element.id != 15, "one-byte id 15 reported")
            violations.check(element.headerOffset >= elementsStart && element.headerOffset < element.dataRange.lowerBound
                             && element.dataRange.upperBound <= view.headerLength, "element outside its block")
            violations.check(element.data.count == element.dataRange.count
                             && element.data.baseAddress == view.bytes.baseAddress.map { $0 + element.dataRange.lowerBound },
                             "element data is not the packet's memory at dataRange")
            violations.check(view.extensionElement(id: element.id) != nil, "element not found by its id")
        }
        for id in UInt8(0)...16 {
            _ = view.absSendTime(id: id)
            _ = view.transportSequenceNumber(id: id)
            _ = view.audioLevel(id: id)
            _ = view.midBytes(id: id)
        }
    }

    private static func checkRewrite(_ packet: RTPPacket, _ map: RTPExtensionIDMap, _ violations: inout Violations) {
        let before = packet.view
        let payload = Array(before.payload)
        var elements = before.extensions.makeIterator()
        let firstElement = elements.next().map { ($0.id, [UInt8](repeating: 0xA5, count: $0.dataRange.count)) }
        packet.ssrc = SSRC(~before.ssrc.rawValue)
        packet.sequenceNumber = before.sequenceNumber.advanced(by: 1)
        packet.timestamp = before.timestamp &+ 3000
        packet.payloadType = PayloadType(truncating: before.payloadType.rawValue &+ 1)
        packet.marker = !before.marker
        _ = packet.setAbsSendTime(0xABCDEF, id: 2)
        _ = packet.setTransportSequenceNumber(0x1234, id: 3)
        if let (id, data) = firstElement {
            let written = data.withUnsafeBytes { packet.overwriteExtension(id: id, with: $0) }
            violations.check(written, "overwrite of an existing element refused")
        }
        packet.remapExtensionIDs(map)

        guard case .success(let after) = RTPPacketView.parse(UnsafeRawBufferPointer(packet.bytes)) else {
            violations.check(false, "rewritten packet no longer parses")
            return
        }
        violations.check(after.payloadRange == before.payloadRange && after.paddingLength == before.paddingLength
                         && after.extensionForm == before.extensionForm, "rewrite changed the layout")
        violations.check(after.ssrc == packet.ssrc && after.sequenceNumber == packet.sequenceNumber
                         && after.timestamp == packet.timestamp && after.payloadType == packet.payloadType
                         && after.marker == packet.marker, "rewritten fields do not read back")
        violations.check(Array(after.payload) == payload, "rewrite touched the payload")
        let targets = after.extensionForm == .oneByte ? oneByteTargets : twoByteTargets
        for element in after.extensions {
            violations.check(targets.contains(element.id), "element \(element.id) survived remapping")
        }
    }
}
