import RTCWire
import SDP
import Testing

/// 20,000 garbled subscriber answers (10,000 mutations of each real answer): the reader never
/// traps, and what it accepts keeps its invariants.
@Suite struct SubscribeRobustnessTests {
    @Test(arguments: [SubscribeFixture.aiortcAnswer, .chromiumAnswer])
    func mutatedAnswersNeverTrap(_ fixture: SubscribeFixture) {
        let offer = SubscribeExample.offer.sessionDescription
        var mutator = LineMutator(seed: 0x5B5C_2026 &+ UInt64(fixture.rawValue.utf8.count), seeds: [fixture.text])
        var parsed = 0
        var read = 0
        var refused = 0
        for iteration in 0..<10_000 {
            guard case .success(let answer) = SDPParser.parse(mutator.next()) else { continue }
            parsed += 1
            switch SubscribeAnswerReader.read(answer: answer, offer: offer) {
            case .failure(let error):
                refused += 1
                if error.description.isEmpty { Issue.record("iteration \(iteration): empty message for \(error)") }
            case .success(let result):
                read += 1
                guard Self.keepsInvariants(result, offer: offer) else {
                    Issue.record("iteration \(iteration): invariants broken:\n\(SDPWriter.write(answer))")
                    return
                }
            }
        }
        // Each outcome must be common for the run to mean anything.
        #expect(parsed > 2_000)
        #expect(read > 500)
        #expect(refused > 500)
    }

    static func keepsInvariants(_ result: SubscribeAnswer, offer: SessionDescription) -> Bool {
        guard result.sections.count == offer.media.count,
              [SetupRole.active, .passive].contains(result.remoteTransport.setup),
              !result.remoteTransport.fingerprints.isEmpty
        else { return false }
        return zip(result.sections, offer.media).allSatisfy { section, offered in
            section.mid == offered.mid && section.kind == offered.kind
                && section.payloadTypes.allSatisfy(offered.payloadTypes.contains)
                && section.extensionIDs.allSatisfy { id in offered.extensions.contains { $0.id == id } }
                && (!section.isReceiving || offered.direction == .sendonly)
                && (section.dataChannel.map { offered.kind == .application && $0.remoteSCTPPort != 0 } ?? true)
        }
    }
}
