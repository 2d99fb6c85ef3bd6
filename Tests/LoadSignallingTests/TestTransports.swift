import ICE
import LoadModel
import RTCWire
import SDP

/// Local transport descriptions and stream lists as the runner would make them.
enum TestTransports {
    static let loopback: UInt32 = 0x7F00_0001

    /// A transport on 127.0.0.1:`port` with fresh credentials and a fingerprint whose bytes
    /// are `fill`.
    static func local(port: UInt16 = 41_000, fill: UInt8 = 0xA5) -> LocalTransportDescription {
        var generator = SystemRandomNumberGenerator()
        return LocalTransportDescription(
            address: .ipv4(address: loopback, port: port),
            credentials: ICECredentials.random(using: &generator),
            fingerprint: Fingerprint(algorithm: .sha256, bytes: [UInt8](repeating: fill, count: 32))!)
    }

    static func audio(ssrc: UInt32 = 1111, probe: UInt32 = 1) -> OutgoingStream {
        OutgoingStream(kind: .audio, probeStream: ProbeStreamID(rawValue: probe), ssrc: SSRC(ssrc),
                       payloadType: PayloadType(rawValue: 111)!, clockRate: 48_000, mid: Mid("0")!, rid: nil,
                       bitsPerSecond: 48_000)
    }

    static func video(ssrc: UInt32 = 2222, probe: UInt32 = 2, rid: String? = nil, bitsPerSecond: Int = 1_500_000) -> OutgoingStream {
        OutgoingStream(kind: .video, probeStream: ProbeStreamID(rawValue: probe), ssrc: SSRC(ssrc),
                       payloadType: PayloadType(rawValue: 96)!, clockRate: 90_000, mid: Mid("1")!,
                       rid: rid.flatMap(Rid.init), bitsPerSecond: bitsPerSecond)
    }

    /// Three simulcast layers h, m, l of one video track.
    static func simulcastVideo() -> [OutgoingStream] {
        [video(ssrc: 3001, probe: 3, rid: "h", bitsPerSecond: 1_500_000),
         video(ssrc: 3002, probe: 4, rid: "m", bitsPerSecond: 500_000),
         video(ssrc: 3003, probe: 5, rid: "l", bitsPerSecond: 150_000)]
    }

    static func parse(_ text: String) throws -> SessionDescription {
        try SDPParser.parse(text).get()
    }
}
