import Benchmark
import Glibc
import RTCWire

/// Per-packet work: measured 1,000 operations per iteration, so the wall clock reads as ns per
/// packet and the malloc count as mallocs per 1,000 packets. With SWITCHBOARD_BENCHMARK_QUICK
/// set (scripts/bench.sh --check), each benchmark runs briefly: enough to count allocations.
public var perPacketConfiguration: Benchmark.Configuration {
    let quick = getenv("SWITCHBOARD_BENCHMARK_QUICK") != nil
    return Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: quick ? .milliseconds(200) : .seconds(2),
        maxIterations: quick ? 50 : 10_000
    )
}

/// A packet in memory that outlives the measured loop (allocated once, during set-up).
public final class PacketBuffer {
    public let bytes: UnsafeMutableRawBufferPointer
    /// How many bytes of `bytes` the packet fills.
    public let length: Int

    public init(copying contents: [UInt8], capacity: Int = 2048) {
        bytes = .allocate(byteCount: max(capacity, contents.count), alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
        bytes.copyBytes(from: contents)
        length = contents.count
    }

    /// A video packet as a browser sends it: one-byte extensions mid (id 1), abs-send-time (id 3)
    /// and transport-wide sequence number (id 5), then `rtpPayloadLength` bytes of payload.
    public convenience init(rtpPayloadLength: Int) {
        var builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 96),
                                       sequenceNumber: SequenceNumber(1000), timestamp: 90_000,
                                       ssrc: SSRC(0xCAFE_BABE))
        builder.marker = true
        builder.extensions = [
            RTPHeaderExtensionValue(id: 1, data: Array("0".utf8)),
            RTPHeaderExtensionValue(id: 3, data: [0x12, 0x34, 0x56]),
            RTPHeaderExtensionValue(id: 5, data: [0x00, 0x01]),
        ]
        let payload = [UInt8](repeating: 0xAB, count: rtpPayloadLength)
        var scratch = [UInt8](repeating: 0, count: 2048)
        let length = scratch.withUnsafeMutableBytes { buffer in
            payload.withUnsafeBytes { try! builder.write(into: buffer, payload: $0).get() }
        }
        self.init(copying: Array(scratch[..<length]))
    }

    deinit { bytes.deallocate() }
}
