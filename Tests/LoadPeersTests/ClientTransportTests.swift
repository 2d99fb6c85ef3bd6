import DTLS
import ICE
import LoadModel
@testable import LoadPeers
import RTCWire
import SDP
import SFUCore
import SRTP
import Testing

/// A `ClientTransport` against the server's real `PeerTransport`, both in memory: datagrams are
/// carried by hand between them on simulated time.
@Suite("ClientTransport against SFUCore's PeerTransport")
struct ClientTransportTests {
    static let serverCredentials = try! ICECredentials(usernameFragment: "Srv0Srv1Srv2Srv3", password: "serverPassword0123456789abcdef")
    static let clientCredentials = try! ICECredentials(usernameFragment: "Load0Load1Load2x", password: "clientPassword0123456789abcdef")
    static let clientAddress = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 50_000)
    static let serverAddress = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 40_000)
    static let video = OutgoingStream(
        kind: .video, probeStream: ProbeStreamID(rawValue: 1), ssrc: SSRC(0x1234_5678), payloadType: PayloadType(truncating: 96),
        clockRate: 90_000, mid: Mid("0")!, rid: nil, bitsPerSecond: 500_000)

    /// The server's transport with the client's publish offer applied, and the client.
    struct Pair {
        var server: PeerTransport
        var client: ClientTransport
        var now = Timestamp(nanoseconds: 7_000_000_000)
        var serverEvents: [PeerTransportEvent] = []
        var clientEvents: [ClientTransportEvent] = []

        init(serverRole: DTLSRole, clientProfiles: [SRTPProfile] = [.aes128CmHmacSha1_80], tamperFingerprint: Bool = false) throws {
            let serverContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
            let clientContext = try DTLSContext(
                configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned(), srtpProfiles: clientProfiles))
            server = PeerTransport(localCredentials: ClientTransportTests.serverCredentials, dtlsContext: serverContext, now: now)
            let local = LocalTransportDescription(
                address: ClientTransportTests.clientAddress, credentials: ClientTransportTests.clientCredentials,
                fingerprint: try #require(Fingerprint(algorithm: .sha256, bytes: clientContext.localFingerprint.digest)))
            let offer = try SDPParser.parse(HandMadeSDP.publishOffer(local: local, streams: [ClientTransportTests.video])).get()
            let serverFingerprint = try #require(Fingerprint(algorithm: .sha256, bytes: serverContext.localFingerprint.digest))
            let parameters = LocalTransportParameters(
                iceUfrag: ClientTransportTests.serverCredentials.usernameFragment, icePwd: ClientTransportTests.serverCredentials.password,
                fingerprint: serverFingerprint, candidates: [HostCandidate(foundation: "1", address: "127.0.0.1", port: 40_000, priority: 1)],
                sessionID: 1)
            let answer = try PublishAnswerer.answer(offer: offer, local: parameters).get()
            try server.apply(remote: answer.remoteTransport, media: PublishedMedia(answer: answer), dtlsRole: serverRole, now: now)

            var (remote, _) = try HandMadeSDP.readPublishAnswer(answer.sdp)
            #expect(remote.candidates == [ClientTransportTests.serverAddress])
            #expect(remote.localDTLSRole == .client)  // The answer says a=setup:passive.
            remote.localDTLSRole = serverRole == .server ? .client : .server
            if tamperFingerprint {
                remote.fingerprints = [try #require(Fingerprint(algorithm: .sha256, bytes: Array(repeating: 0xAB, count: 32)))]
            }
            client = try ClientTransport(
                localCredentials: ClientTransportTests.clientCredentials, remote: remote, dtlsContext: clientContext,
                connectTimeout: .seconds(5), tieBreaker: 0x0123_4567_89AB_CDEF, now: now)
        }

        /// Carries datagrams both ways until both are quiet, then lets 10 ms pass and runs the
        /// expired timers; `rounds` times.
        mutating func run(rounds: Int) {
            var buffer = [UInt8](repeating: 0, count: 2048)
            for _ in 0..<rounds {
                var moved = true
                while moved {
                    moved = false
                    while let transmit = buffer.withUnsafeMutableBytes({ client.pollTransmit(into: $0) }) {
                        moved = true
                        #expect(transmit.destination == ClientTransportTests.serverAddress)
                        buffer.withUnsafeMutableBytes { bytes in
                            _ = server.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<transmit.byteCount]),
                                                      from: ClientTransportTests.clientAddress, via: 0, now: now)
                        }
                    }
                    while let transmit = buffer.withUnsafeMutableBytes({ server.pollTransmit(into: $0) }) {
                        moved = true
                        #expect(transmit.destination == ClientTransportTests.clientAddress)
                        buffer.withUnsafeMutableBytes { bytes in
                            _ = client.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<transmit.byteCount]),
                                                      from: ClientTransportTests.serverAddress, now: now)
                        }
                    }
                    while let event = server.pollEvent() { serverEvents.append(event) }
                    while let event = client.pollEvent() { clientEvents.append(event) }
                }
                now = now.advanced(byNanoseconds: 10_000_000)
                if let deadline = client.pollTimeout(), deadline <= now { client.handleTimeout(now: now) }
                if let deadline = server.pollTimeout(), deadline <= now { server.handleTimeout(now: now) }
            }
        }

        var serverConnected: Bool {
            serverEvents.contains { if case .dtlsConnected = $0 { true } else { false } }
        }
    }

    @Test("ICE and DTLS connect in either DTLS role, with the client's SRTP profile",
          arguments: [DTLSRole.server, DTLSRole.client])
    func connects(serverRole: DTLSRole) throws {
        var pair = try Pair(serverRole: serverRole)
        pair.run(rounds: 20)
        #expect(pair.client.phase == .connected, "\(pair.clientEvents)")
        #expect(pair.clientEvents.first == .connected(srtpProfile: .aes128CmHmacSha1_80))
        #expect(pair.serverConnected, "\(pair.serverEvents)")
        #expect(pair.server.ice.state == .connected)
        #expect(pair.client.srtpProfile == .aes128CmHmacSha1_80)
    }

    @Test("RTP protected by either side decrypts on the other; the server's PLI reaches the client")
    func mediaBothWays() throws {
        var pair = try Pair(serverRole: .server, clientProfiles: [.aeadAes128Gcm])
        pair.run(rounds: 20)
        try #require(pair.client.phase == .connected)
        let payload = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var builder = RTPPacketBuilder(payloadType: Self.video.payloadType, sequenceNumber: SequenceNumber(100), timestamp: 9000,
                                       ssrc: Self.video.ssrc)
        builder.extensions = [RTPHeaderExtensionValue(id: 1, data: Array("0".utf8))]
        var packet = [UInt8](repeating: 0, count: 1500)
        let plainLength = try packet.withUnsafeMutableBytes { buffer in
            try payload.withUnsafeBytes { builder.write(into: buffer, payload: $0) }.get()
        }
        let plain = Array(packet[..<plainLength])

        // Client → server.
        let sent = try #require(packet.withUnsafeMutableBytes { pair.client.protectRTP($0, length: plainLength) })
        #expect(sent.destination == Self.serverAddress)
        #expect(sent.byteCount == plainLength + SRTPProfile.aeadAes128Gcm.rtpTrailerLength)
        #expect(Array(packet[..<plainLength]) != plain)
        let atServer = packet.withUnsafeMutableBytes { bytes in
            pair.server.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<sent.byteCount]), from: Self.clientAddress,
                                       via: 0, now: pair.now)
        }
        #expect(atServer == .rtp(section: 0, length: plainLength, isRetransmission: false))
        #expect(Array(packet[..<plainLength]) == plain)

        // Server → client.
        var reply = plain + [UInt8](repeating: 0, count: 64)
        let forwarded = try #require(reply.withUnsafeMutableBytes { pair.server.protectRTP($0, length: plainLength) })
        #expect(forwarded.destination == Self.clientAddress)
        let atClient = reply.withUnsafeMutableBytes { bytes in
            pair.client.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<forwarded.byteCount]), from: Self.serverAddress,
                                       now: pair.now)
        }
        #expect(atClient == .rtp(length: plainLength))
        #expect(Array(reply[..<plainLength]) == plain)
        // The same packet again is a replay.
        var replayed = reply
        let again = replayed.withUnsafeMutableBytes { bytes in
            pair.client.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<forwarded.byteCount]), from: Self.serverAddress,
                                       now: pair.now)
        }
        #expect(again == .dropped || again == .srtpFailed)

        // A PLI from the server names the video SSRC.
        var feedback = [UInt8](repeating: 0, count: 256)
        let pliLength = try #require(feedback.withUnsafeMutableBytes {
            PictureLossIndication.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: Self.video.ssrc)
        })
        let pli = try #require(feedback.withUnsafeMutableBytes { pair.server.protectRTCP($0, length: pliLength) })
        let rtcp = feedback.withUnsafeMutableBytes { bytes in
            pair.client.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<pli.byteCount]), from: Self.serverAddress, now: pair.now)
        }
        #expect(rtcp == .rtcp(length: pliLength))
        let requests = feedback.withUnsafeBytes { bytes in
            var iterator = PublisherFeedback.Requests(UnsafeRawBufferPointer(rebasing: bytes[..<pliLength]))
            var found: [PublisherFeedback.Request] = []
            while let request = iterator.next() { found.append(request) }
            return found
        }
        #expect(requests == [.keyFrame(Self.video.ssrc)])

        // From a stranger, media is dropped before SRTP.
        var stray = plain + [UInt8](repeating: 0, count: 64)
        let strayInput = stray.withUnsafeMutableBytes { bytes in
            pair.client.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: bytes[..<plainLength]),
                                       from: .ipv4(address: 0x7F00_0001, port: 9), now: pair.now)
        }
        #expect(strayInput == .dropped)
    }

    @Test("a server certificate that does not match the fingerprint fails the transport")
    func wrongFingerprint() throws {
        var pair = try Pair(serverRole: .server, tamperFingerprint: true)
        pair.run(rounds: 20)
        guard case .failed(let reason) = pair.client.phase else {
            Issue.record("phase \(pair.client.phase), events \(pair.clientEvents)")
            return
        }
        #expect(reason.contains("DTLS"), "\(reason)")
        #expect(!pair.clientEvents.contains { if case .connected = $0 { true } else { false } })
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(buffer.withUnsafeMutableBytes { pair.client.protectRTP($0, length: 12) } == nil)
    }

    @Test("without answers the transport fails at the connect deadline")
    func connectTimeout() throws {
        var pair = try Pair(serverRole: .server)
        let start = pair.now
        var buffer = [UInt8](repeating: 0, count: 2048)
        var checks = 0
        while pair.client.phase == .connecting, pair.now < start + .seconds(10) {
            while buffer.withUnsafeMutableBytes({ pair.client.pollTransmit(into: $0) }) != nil { checks += 1 }
            pair.now = pair.now.advanced(byNanoseconds: 50_000_000)
            if let deadline = pair.client.pollTimeout(), deadline <= pair.now { pair.client.handleTimeout(now: pair.now) }
        }
        guard case .failed = pair.client.phase else {
            Issue.record("phase \(pair.client.phase)")
            return
        }
        #expect(pair.now >= start + .seconds(5))
        #expect(pair.now < start + .seconds(6))
        #expect(checks >= 2)
        #expect(pair.client.pollTimeout() == nil)
    }
}
