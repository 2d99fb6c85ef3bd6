import LoadModel
import LoadSignalling
import RTCWire
import SDP
import Testing

@Suite struct PublishAnswerTests {
    private let streams = [TestTransports.audio(), TestTransports.video()]

    @Test func janusAnswerMakesThePeerTheDTLSServerOfAnICELiteServer() throws {
        let (remote, extensions) = try PeerSDP.readPublishAnswer(CapturedSDP.janusPublishAnswer, streams: streams, policy: .loopback)
        #expect(remote.isICELite)
        #expect(remote.localDTLSRole == .server)
        #expect(remote.credentials.usernameFragment == "e2M3")
        #expect(remote.credentials.password == "CYpYAZVvfnT9YRgluQORZh")
        #expect(remote.fingerprints.map(\.hexValue) == [
            "5D:17:FD:62:23:FB:45:D4:11:BD:A8:74:B5:D8:A8:70:76:78:58:D3:7A:3A:08:E5:9C:15:15:A1:DF:E4:DF:12",
        ])
        #expect(remote.candidates == [.ipv4(address: 0x7F00_0001, port: 20_992)])
        #expect(extensions == HeaderExtensionIDs(mid: 4, rid: nil))
    }

    @Test func ridExtensionIsReadOnlyForSimulcast() throws {
        let simulcast = [TestTransports.audio()] + TestTransports.simulcastVideo()
        let (_, extensions) = try PeerSDP.readPublishAnswer(CapturedSDP.janusPublishAnswer, streams: simulcast, policy: .loopback)
        #expect(extensions == HeaderExtensionIDs(mid: 4, rid: 10))
    }

    @Test func candidatesOutsideThePolicyAreRefusedByName() {
        let policy = AddressPolicy(allowedIPv4: [0x0A00_0001])
        #expect {
            _ = try PeerSDP.readPublishAnswer(CapturedSDP.janusPublishAnswer, streams: streams, policy: policy)
        } throws: { error in
            guard case .malformed(let step, let reason) = error as? SignallingError else { return false }
            return step == "publish answer" && reason.contains("127.0.0.1 20992") && reason.contains("allowed: 10.0.0.1")
        }
    }

    @Test func aRejectedVideoSectionIsAnError() {
        let answer = CapturedSDP.janusPublishAnswer.replacingOccurrences(of: "m=video 9 ", with: "m=video 0 ")
        #expect {
            _ = try PeerSDP.readPublishAnswer(answer, streams: streams, policy: .loopback)
        } throws: { error in
            guard case .malformed(_, let reason) = error as? SignallingError else { return false }
            return reason.contains("video") && reason.contains("mid 1")
        }
    }

    @Test func passiveOrAbsentSetupMakesThePeerTheDTLSClient() throws {
        let passive = CapturedSDP.janusPublishAnswer.replacingOccurrences(of: "a=setup:active", with: "a=setup:passive")
        #expect(try PeerSDP.readPublishAnswer(passive, streams: streams, policy: .loopback).remote.localDTLSRole == .client)
        let absent = CapturedSDP.janusPublishAnswer.replacingOccurrences(of: "a=setup:active\n", with: "")
        #expect(try PeerSDP.readPublishAnswer(absent, streams: streams, policy: .loopback).remote.localDTLSRole == .client)
        let actpass = CapturedSDP.janusPublishAnswer.replacingOccurrences(of: "a=setup:active", with: "a=setup:actpass")
        #expect(throws: SignallingError.self) { try PeerSDP.readPublishAnswer(actpass, streams: streams, policy: .loopback) }
    }

    @Test func missingCredentialsFingerprintOrGarbageAreErrors() {
        let noPassword = CapturedSDP.janusPublishAnswer.replacingOccurrences(of: "a=ice-pwd:CYpYAZVvfnT9YRgluQORZh\n", with: "")
        let noFingerprint = CapturedSDP.janusPublishAnswer.split(separator: "\n").filter { !$0.hasPrefix("a=fingerprint") }
            .joined(separator: "\n")
        for answer in [noPassword, noFingerprint, "", "v=0\nnot sdp", "<html>502 Bad Gateway</html>"] {
            #expect(throws: SignallingError.self) { try PeerSDP.readPublishAnswer(answer, streams: streams, policy: .loopback) }
        }
    }
}
