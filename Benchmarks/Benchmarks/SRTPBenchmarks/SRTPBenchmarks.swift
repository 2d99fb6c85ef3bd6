import Benchmark
import BenchmarkSupport
import RTCWire
import SRTP

/// Per-packet SRTP cost for each profile at a video-sized (1200 B) and an audio-sized (160 B)
/// payload, protect and unprotect in place. 1,000 packets per measured iteration, so the wall
/// clock reads as ns per packet and the malloc count as mallocs per 1,000 packets.
let benchmarks: @Sendable () -> Void = {
    let configuration = perPacketConfiguration
    for profile in SRTPProfile.allCases {
        for payloadLength in [1200, 160] {
            Benchmark("SRTP protect \(profile.ianaName) \(payloadLength) B", configuration: configuration) { benchmark in
                let fixture = SRTPFixture.shared(profile: profile, payloadLength: payloadLength)
                fixture.writePlaintext()
                benchmark.startMeasurement()
                for index in benchmark.scaledIterations {
                    blackHole(fixture.sender.protectRTP(fixture.slot(index), length: fixture.plaintextLength))
                }
                benchmark.stopMeasurement()
            }
            Benchmark("SRTP unprotect \(profile.ianaName) \(payloadLength) B", configuration: configuration) { benchmark in
                let fixture = SRTPFixture.shared(profile: profile, payloadLength: payloadLength)
                fixture.writePlaintext()
                fixture.protectAll()
                benchmark.startMeasurement()
                for index in benchmark.scaledIterations {
                    let result = fixture.receiver.unprotectRTP(fixture.slot(index), length: fixture.protectedLength)
                    guard case .ok = result else { fatalError("unprotect failed: \(result)") }
                }
                benchmark.stopMeasurement()
            }
        }
    }
}

/// A sender and a receiver session keyed alike, and 1,000 packet slots. Each measured iteration
/// works on fresh sequence numbers (the receiver's replay window refuses repeats), written and
/// protected outside the measured part.
final class SRTPFixture: @unchecked Sendable {
    static let slotCount = 1000
    static let slotSize = 2048

    let sender: SRTPSession
    let receiver: SRTPSession
    let plaintextLength: Int
    let protectedLength: Int
    private let payloadLength: Int
    private let slots: UnsafeMutableRawBufferPointer
    private var nextSequence: UInt16 = 0
    private var nextTimestamp: UInt32 = 0

    private nonisolated(unsafe) static var fixtures: [String: SRTPFixture] = [:]

    /// The fixture for one profile and size, made once and kept, so that warm-up has created the
    /// receiver's per-SSRC stream before measuring starts.
    static func shared(profile: SRTPProfile, payloadLength: Int) -> SRTPFixture {
        let name = "\(profile) \(payloadLength)"
        if let fixture = fixtures[name] { return fixture }
        let fixture = SRTPFixture(profile: profile, payloadLength: payloadLength)
        fixtures[name] = fixture
        return fixture
    }

    private init(profile: SRTPProfile, payloadLength: Int) {
        let exported = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        sender = try! SRTPSession(keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: .client))
        receiver = try! SRTPSession(keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: .server))
        self.payloadLength = payloadLength
        plaintextLength = 12 + payloadLength
        protectedLength = plaintextLength + profile.rtpTrailerLength
        slots = .allocate(byteCount: Self.slotCount * Self.slotSize, alignment: 64)
        slots.initializeMemory(as: UInt8.self, repeating: 0xA5)
    }

    deinit { slots.deallocate() }

    func slot(_ index: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: slots[(index * Self.slotSize)..<((index + 1) * Self.slotSize)])
    }

    /// Writes an RTP header with the next sequence number into every slot (payload bytes stay).
    func writePlaintext() {
        for index in 0..<Self.slotCount {
            let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 96),
                                           sequenceNumber: SequenceNumber(nextSequence),
                                           timestamp: nextTimestamp, ssrc: SSRC(0xCAFE_BABE))
            _ = try! builder.write(into: slot(index)).get()
            nextSequence &+= 1
            nextTimestamp &+= 3000
        }
    }

    func protectAll() {
        for index in 0..<Self.slotCount {
            guard case .ok = sender.protectRTP(slot(index), length: plaintextLength) else { fatalError("protect failed") }
        }
    }
}
