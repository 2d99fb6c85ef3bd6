import DTLS
import ICE
import RTCWire
import SFUCore
import SRTP
import Testing

extension PeerTransportTests.Scenario {
    /// Nominates `client` at the current time, runs the DTLS handshake, and returns the
    /// publisher's SRTP session made from the keys its DTLS endpoint exported.
    mutating func connect(from client: STUNTransportAddress = PeerTransportTests.client) throws -> SRTPSession {
        _ = deliver(PeerTransportTests.check(nominate: true), from: client)
        _ = drain()
        handshake()
        var keys: SRTPKeyingMaterial?
        while let event = clientDTLS.pollEvent() {
            if case .connected(let material, _) = event { keys = material }
        }
        return try SRTPSession(keyingMaterial: try #require(keys))
    }

    /// One protected RTP packet of the signalled video SSRC with a 300-byte payload.
    static func rtp(sequence: UInt16, sender: SRTPSession) throws -> [UInt8] {
        var packet = [UInt8](repeating: 0, count: 2048)
        let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 97), sequenceNumber: SequenceNumber(sequence),
                                       timestamp: 3000 * UInt32(sequence), ssrc: SSRC(PeerTransportTests.videoSSRC))
        let payload = [UInt8](repeating: 0xAB, count: 300)
        let length = try packet.withUnsafeMutableBytes { buffer -> Int in
            let plain = try payload.withUnsafeBytes { try builder.write(into: buffer, payload: $0).get() }
            guard case .ok(let protected) = sender.protectRTP(buffer, length: plain) else { return 0 }
            return protected
        }
        return Array(packet[0..<length])
    }

    /// The transport's snapshot now.
    var snapshot: PeerTransportSnapshot? { table.transport(at: slot)?.snapshot(at: now) }
}
