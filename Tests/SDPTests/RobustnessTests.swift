import SDP
import Testing

/// 20,000 garbled offers (5,000 mutations of each fixture, run in parallel): the parser never
/// traps, and whatever it accepts writes back to text that parses to the same model; the
/// answerer never traps either, and its answers parse back to themselves.
@Suite struct RobustnessTests {
    @Test(arguments: Fixture.allCases)
    func mutatedOffersNeverTrapAndRoundTrip(_ fixture: Fixture) {
        var mutator = LineMutator(seed: 0x5D9_2026 &+ UInt64(fixture.rawValue.utf8.count), seeds: [fixture.text])
        var parsed = 0
        var refused = 0
        var answered = 0
        for iteration in 0..<5_000 {
            let text = mutator.next()
            guard case .success(let session) = SDPParser.parse(text) else {
                refused += 1
                continue
            }
            parsed += 1
            let written = SDPWriter.write(session)
            guard case .success(let reparsed) = SDPParser.parse(written) else {
                Issue.record("iteration \(iteration): the written text does not parse:\n\(written)")
                return
            }
            guard reparsed == session else {
                Issue.record("iteration \(iteration): the model changed through write and parse:\n\(text)")
                return
            }
            guard case .success(let answer) = PublishAnswerer.answer(offer: session, local: testLocal) else { continue }
            answered += 1
            guard case .success(let answerModel) = SDPParser.parse(answer.sdp), answerModel == answer.sessionDescription else {
                Issue.record("iteration \(iteration): the answer does not parse back:\n\(answer.sdp)")
                return
            }
        }
        // Both outcomes must be common for the run to mean anything.
        #expect(parsed > 1_000)
        #expect(refused > 1_000)
        #expect(answered > 500)
    }
}
