import SDP
import Testing

/// The server side used by the answer tests.
let testLocal = LocalTransportParameters(
    iceUfrag: "sWbd",
    icePwd: "Zk3c9Qm1Xv7Lp2Rt8Yw4Nb6H",
    fingerprint: Fingerprint(
        algorithm: .sha256,
        hex: "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9"
    )!,
    candidates: [HostCandidate(foundation: "1", address: "127.0.0.1", port: 40000, priority: 2130706431)],
    sessionID: 1234, sessionVersion: 7
)

/// Answers `offer`, recording an issue when the answerer refuses it.
func answerOrRecord(_ offer: SessionDescription, sourceLocation: SourceLocation = #_sourceLocation) -> PublishAnswer? {
    switch PublishAnswerer.answer(offer: offer, local: testLocal) {
    case .success(let answer): return answer
    case .failure(let error):
        Issue.record("the offer was refused: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parses `text` and returns the answerer's error, recording an issue when it answers.
func answerError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SDPAnswerError? {
    guard let offer = parseOrRecord(text, sourceLocation: sourceLocation) else { return nil }
    return answerError(offer, sourceLocation: sourceLocation)
}

func answerError(_ offer: SessionDescription, sourceLocation: SourceLocation = #_sourceLocation) -> SDPAnswerError? {
    switch PublishAnswerer.answer(offer: offer, local: testLocal) {
    case .success:
        Issue.record("the offer was answered, but a refusal was expected", sourceLocation: sourceLocation)
        return nil
    case .failure(let error): return error
    }
}

extension AcceptedMedia {
    /// Payload types of the codecs with `role`, in answer order.
    func payloadTypes(_ role: CodecRole) -> [UInt8] {
        codecs.filter { $0.role == role }.map(\.payloadType.rawValue)
    }
}
