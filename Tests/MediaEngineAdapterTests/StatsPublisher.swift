import DTLS
import ICE
import RTCWire
import SDP
import SFUCore
import SRTP
import Testing

/// A publisher played in memory against one real `PeerTransport` (in a `TransportTable`):
/// its ICE check, its DTLS client handshake, and SRTP/SRTCP from the keys it exported, on
/// simulated time. It sends one VP8 stream (payload type 97, 90 kHz) with a signalled SSRC.
struct StatsPublisher {
    static let ssrc = SSRC(0x0BAD_CAFE)
    static let server = try! ICECredentials(usernameFragment: "Stat0Stat1Stat2S", password: "statsServerPassword0123456789")
    static let client = try! ICECredentials(usernameFragment: "Pub0", password: "statsClientPassword01234")
    static let address = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 40_002)

    var table = TransportTable()
    let slot: Int
    var now = Timestamp(nanoseconds: 9_000_000_000)
    private let dtls: DTLSEndpoint
    private(set) var srtp: SRTPSession?

    init() throws {
        let serverContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
        let clientContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
        dtls = try DTLSEndpoint(context: clientContext, role: .client, remoteFingerprints: [serverContext.localFingerprint])
        let inserted = table.insert(PeerTransport(localCredentials: Self.server, dtlsContext: serverContext, now: now))
        slot = try #require(inserted)
        let offer = try SDPParser.parse([
            "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF 97", "c=IN IP4 0.0.0.0", "a=sendonly", "a=mid:0", "a=rtcp-mux",
            "a=ssrc:\(Self.ssrc.rawValue) cname:publisher", "a=rtpmap:97 VP8/90000",
            "a=ice-ufrag:\(Self.client.usernameFragment)", "a=ice-pwd:\(Self.client.password)",
            "a=fingerprint:\(clientContext.localFingerprint.sdpValue)", "a=setup:actpass", "",
        ].joined(separator: "\r\n")).get()
        let local = LocalTransportParameters(
            iceUfrag: Self.server.usernameFragment, icePwd: Self.server.password,
            fingerprint: try #require(Fingerprint(algorithm: .sha256, bytes: serverContext.localFingerprint.digest)),
            candidates: [HostCandidate(foundation: "1", address: "127.0.0.1", port: 40_000, priority: 1)], sessionID: 1)
        let answer = try PublishAnswerer.answer(offer: offer, local: local).get()
        try table.apply(slot, remote: answer.remoteTransport, media: PublishedMedia(answer: answer), now: now)
    }

    /// Nominates the pair and runs the DTLS handshake; the SRTP session is then the peer's.
    mutating func connect() throws {
        var storage = [UInt8](repeating: 0, count: 256)
        let count = storage.withUnsafeMutableBytes { buffer -> Int in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest, transactionID: STUNTransactionID(high: 1, low: 2))
            Array("\(Self.server.usernameFragment):\(Self.client.usernameFragment)".utf8).withUnsafeBytes { builder.appendUsername($0) }
            builder.appendPriority(0x6E00_1EFF)
            builder.appendICEControlling(tieBreaker: 7)
            builder.appendUseCandidate()
            builder.appendMessageIntegrity(key: STUNIntegrityKey(Array(Self.server.password.utf8)))
            builder.appendFingerprint()
            guard case .success(let count) = builder.finish() else { return 0 }
            return count
        }
        deliver(Array(storage[0..<count]))
        dtls.start(now: UInt64(now.nanoseconds))
        for _ in 0..<10 {
            while let datagram = dtls.pollTransmit() { deliver(datagram) }
            for datagram in drain() { datagram.withUnsafeBytes { dtls.handleDatagram($0, now: UInt64(now.nanoseconds)) } }
        }
        while let event = dtls.pollEvent() {
            if case .connected(let keys, _) = event { srtp = try SRTPSession(keyingMaterial: keys) }
        }
        _ = try #require(srtp, "DTLS did not connect")
    }

    mutating func deliver(_ bytes: [UInt8]) {
        var copy = bytes + [UInt8](repeating: 0, count: 64)
        _ = copy.withUnsafeMutableBytes { buffer in
            table.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: buffer[..<bytes.count]), from: Self.address, via: 0, now: now)
        }
    }

    private mutating func drain() -> [[UInt8]] {
        var sent: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while let transmit = buffer.withUnsafeMutableBytes({ table.pollTransmit(slot, into: $0) }) {
            sent.append(Array(buffer[0..<transmit.byteCount]))
        }
        return sent
    }

    /// Sends an RTP packet with 200 payload bytes at `now`.
    mutating func sendRTP(sequence: UInt16, timestamp: UInt32) throws {
        let srtp = try #require(srtp)
        var packet = [UInt8](repeating: 0, count: 2048)
        let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 97), sequenceNumber: SequenceNumber(sequence),
                                       timestamp: timestamp, ssrc: Self.ssrc)
        let payload = [UInt8](repeating: 0x42, count: 200)
        let length = try packet.withUnsafeMutableBytes { buffer -> Int in
            let plain = try payload.withUnsafeBytes { try builder.write(into: buffer, payload: $0).get() }
            guard case .ok(let protected) = srtp.protectRTP(buffer, length: plain) else { return 0 }
            return protected
        }
        deliver(Array(packet[0..<length]))
    }

    /// Sends an RTCP compound `write` makes, as SRTCP, at `now`.
    mutating func sendRTCP(_ write: (UnsafeMutableRawBufferPointer) -> Int?) throws {
        let srtp = try #require(srtp)
        var packet = [UInt8](repeating: 0, count: 2048)
        let length = try packet.withUnsafeMutableBytes { buffer -> Int in
            let plain = try #require(write(buffer))
            guard case .ok(let protected) = srtp.protectRTCP(buffer, length: plain) else { return 0 }
            return protected
        }
        deliver(Array(packet[0..<length]))
    }

    /// The server sends this transport a PLI about the stream.
    mutating func serverSendsPLI() {
        var buffer = [UInt8](repeating: 0, count: 64)
        _ = buffer.withUnsafeMutableBytes { bytes -> PeerTransmit? in
            guard let length = PictureLossIndication.write(into: bytes, senderSSRC: SSRC(1), mediaSSRC: Self.ssrc) else { return nil }
            return table.protectRTCP(slot, bytes, length: length)
        }
    }

    var snapshot: PeerTransportSnapshot? { table.transport(at: slot)?.snapshot(at: now) }
}
