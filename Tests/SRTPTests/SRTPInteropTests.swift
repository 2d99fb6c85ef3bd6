import Foundation
import SRTP
import Testing

/// Interop with pylibsrtp (an independent libsrtp build, driven from Python) through
/// `interop/srtp_peer.py`: each side protects packets the other unprotects.
@Suite("SRTP interop with pylibsrtp")
struct SRTPInteropTests {
    static let cases: [(SRTPProfile, SRTPKeyingMaterial.Role)] = SRTPProfile.allCases.flatMap { [($0, .client), ($0, .server)] }

    static let rtpPackets: [[UInt8]] = [
        // Sequence numbers cross the 16-bit wrap, so both sides must agree on the rollover counter.
        TestPackets.rtp(sequence: 65_534, ssrc: 0xDEAD_BEEF, payloadLength: 160),
        TestPackets.rtp(sequence: 65_535, ssrc: 0xDEAD_BEEF, payloadLength: 1200, marker: true),
        TestPackets.rtp(sequence: 0, ssrc: 0xDEAD_BEEF, payloadLength: 160),
        TestPackets.rtp(sequence: 1, ssrc: 0xDEAD_BEEF, payloadLength: 1200),
        TestPackets.rtpWithCSRCAndExtension(sequence: 4242, ssrc: 0x0BAD_CAFE, payloadLength: 160),
        TestPackets.rtp(sequence: 4243, ssrc: 0x0BAD_CAFE, payloadLength: 1),
    ]
    static let rtcpPackets: [[UInt8]] = [
        TestPackets.rtcpSenderReportWithSDES(ssrc: 0xDEAD_BEEF),
        TestPackets.rtcpApp(ssrc: 0xDEAD_BEEF, dataLength: 160),
        TestPackets.rtcpApp(ssrc: 0x0BAD_CAFE, dataLength: 1200),
        TestPackets.rtcpSenderReportWithSDES(ssrc: 0xDEAD_BEEF),
    ]

    @Test("packets cross between our sessions and pylibsrtp in both directions", arguments: cases)
    func interop(profile: SRTPProfile, role: SRTPKeyingMaterial.Role) throws {
        let exported = TestPackets.exported(length: profile.keyingMaterialLength, seed: 200)
        let session = try SRTPSession(keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: role))

        let ourRTP = try Self.rtpPackets.map { try #require(Self.run(.protectRTP, session, $0)) }
        let ourRTCP = try Self.rtcpPackets.map { try #require(Self.run(.protectRTCP, session, $0)) }
        let request = PeerRequest(
            profile: profile.dtlsProfileID,
            exported: Hex.encode(exported),
            role: role == .client ? "server" : "client",
            protect_rtp: Self.rtpPackets.map(Hex.encode),
            protect_rtcp: Self.rtcpPackets.map(Hex.encode),
            unprotect_rtp: ourRTP.map(Hex.encode),
            unprotect_rtcp: ourRTCP.map(Hex.encode))
        let reply = try PythonPeer.exchange(request)
        #expect(reply.errors.isEmpty, "pylibsrtp reported: \(reply.errors)")

        // (b) ours → pylibsrtp
        Self.expectSame(Self.decoded(reply.unprotected_rtp), Self.rtpPackets, "RTP unprotected by pylibsrtp")
        Self.expectSame(Self.decoded(reply.unprotected_rtcp), Self.rtcpPackets, "RTCP unprotected by pylibsrtp")
        // (a) pylibsrtp → ours
        let theirRTP = try Self.decoded(reply.protected_rtp).map { try #require($0) }
        let theirRTCP = try Self.decoded(reply.protected_rtcp).map { try #require($0) }
        #expect(theirRTP.map(\.count) == Self.rtpPackets.map { $0.count + profile.rtpTrailerLength })
        #expect(theirRTCP.map(\.count) == Self.rtcpPackets.map { $0.count + profile.rtcpTrailerLength })
        Self.expectSame(theirRTP.map { Self.run(.unprotectRTP, session, $0) }, Self.rtpPackets, "RTP unprotected by us")
        Self.expectSame(theirRTCP.map { Self.run(.unprotectRTCP, session, $0) }, Self.rtcpPackets, "RTCP unprotected by us")
    }

    /// pylibsrtp's libsrtp authenticates with its stock HMAC-SHA1; ours with the allocation-free
    /// replacement (`SRTPLibrary`). Same keys, same packets: the bytes must be identical.
    @Test("our protected packets are byte for byte pylibsrtp's under the same keys", arguments: cases)
    func identicalProtection(profile: SRTPProfile, role: SRTPKeyingMaterial.Role) throws {
        let exported = TestPackets.exported(length: profile.keyingMaterialLength, seed: 201)
        let session = try SRTPSession(keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: role))

        let ourRTP = Self.rtpPackets.map { Self.run(.protectRTP, session, $0) }
        let ourRTCP = Self.rtcpPackets.map { Self.run(.protectRTCP, session, $0) }
        let request = PeerRequest(
            profile: profile.dtlsProfileID,
            exported: Hex.encode(exported),
            role: role == .client ? "client" : "server",
            protect_rtp: Self.rtpPackets.map(Hex.encode),
            protect_rtcp: Self.rtcpPackets.map(Hex.encode),
            unprotect_rtp: [],
            unprotect_rtcp: [])
        let reply = try PythonPeer.exchange(request)
        #expect(reply.errors.isEmpty, "pylibsrtp reported: \(reply.errors)")
        Self.expectSame(ourRTP, Self.decoded(reply.protected_rtp).map { $0 ?? [] }, "SRTP compared with pylibsrtp's")
        Self.expectSame(ourRTCP, Self.decoded(reply.protected_rtcp).map { $0 ?? [] }, "SRTCP compared with pylibsrtp's")
    }

    static func decoded(_ packets: [String?]) -> [[UInt8]?] {
        packets.map { $0.flatMap(Hex.decode) }
    }

    /// Records one short issue per packet that differs from the original plaintext.
    static func expectSame(_ actual: [[UInt8]?], _ expected: [[UInt8]], _ what: String) {
        #expect(actual.count == expected.count, "\(what): packet count")
        for (index, (got, want)) in zip(actual, expected).enumerated() where got != want {
            Issue.record("\(what): packet \(index) is \(got.map { "\($0.count) different bytes" } ?? "missing"), expected the \(want.count)-byte reference")
        }
    }

    /// Runs one operation on a copy of `packet` and returns the resulting packet.
    static func run(_ operation: SRTPOperation, _ session: SRTPSession, _ packet: [UInt8]) -> [UInt8]? {
        var slot = PacketSlot(packet)
        let result = slot.run(operation, session)
        guard case .ok = result else {
            Issue.record("\(operation) gave \(result)")
            return nil
        }
        return slot.packet
    }
}

/// The JSON request `srtp_peer.py` reads (field names are the script's).
struct PeerRequest: Encodable {
    let profile: UInt16
    let exported: String
    let role: String
    let protect_rtp: [String]
    let protect_rtcp: [String]
    let unprotect_rtp: [String]
    let unprotect_rtcp: [String]
}

/// The JSON reply `srtp_peer.py` writes; nil entries are packets pylibsrtp refused.
struct PeerReply: Decodable {
    let protected_rtp: [String?]
    let protected_rtcp: [String?]
    let unprotected_rtp: [String?]
    let unprotected_rtcp: [String?]
    let errors: [String]
}
