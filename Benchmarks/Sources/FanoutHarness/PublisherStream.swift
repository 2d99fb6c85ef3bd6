import RTCWire
import SRTP
import Worker

/// The publisher's media: VP8 packets written into a pre-built ring of buffers, SRTP-protected in
/// place with the publisher's session and sent to the server's transport in bursts (one
/// `sendmmsg`, the equal-size packets merged into `UDP_SEGMENT` messages by `UDPSocket`).
///
/// Frames are `packetsPerFrame` packets, the timestamp advancing 3000 ticks (30 fps) per frame;
/// `sendKeyFrame` sends a one-packet key frame. Sequence numbers increase by one per packet.
///
/// Invariants: `sendBurst` and `sendKeyFrame` allocate nothing; the ring holds `burstCapacity`
/// packets, each written, protected and handed to the kernel before its buffer is reused; used
/// by one thread at a time.
public final class PublisherStream {
    /// The most packets one burst sends.
    public static let burstCapacity = 64
    public static let packetsPerFrame = 8
    static let slotSize = 2048

    private let socket: UDPSocket
    private let session: SRTPSession
    private let server: STUNTransportAddress
    private let payloadLength: Int
    private let ring: UnsafeMutableRawPointer
    private var nextSequence: UInt16 = 1
    private var frameIndex: UInt32 = 0
    private var packetInFrame = 0
    /// Packets the kernel refused (socket buffer full) or SRTP refused.
    public private(set) var failed = 0

    init(socket: UDPSocket, session: SRTPSession, server: STUNTransportAddress, payloadLength: Int) {
        self.socket = socket
        self.session = session
        self.server = server
        self.payloadLength = payloadLength
        ring = .allocate(byteCount: Self.burstCapacity * Self.slotSize, alignment: 64)
        ring.initializeMemory(as: UInt8.self, repeating: 0, count: Self.burstCapacity * Self.slotSize)
    }

    deinit { ring.deallocate() }

    /// Sends `count` (at most `burstCapacity`) packets of the ongoing delta frames; returns how
    /// many the kernel took.
    @discardableResult
    public func sendBurst(_ count: Int) -> Int {
        let count = min(count, Self.burstCapacity)
        for index in 0..<count {
            let frameStart = packetInFrame == 0
            let marker = packetInFrame == Self.packetsPerFrame - 1
            stage(slot: index, frameStart: frameStart, keyFrame: false, marker: marker)
            packetInFrame = marker ? 0 : packetInFrame + 1
            if marker { frameIndex &+= 1 }
        }
        return flush()
    }

    /// Sends a one-packet key frame (a decoder, and the server's forwarding, can start there).
    @discardableResult
    public func sendKeyFrame() -> Int {
        if packetInFrame != 0 {
            packetInFrame = 0
            frameIndex &+= 1
        }
        stage(slot: 0, frameStart: true, keyFrame: true, marker: true)
        frameIndex &+= 1
        return flush()
    }

    @inline(__always)
    private func stage(slot: Int, frameStart: Bool, keyFrame: Bool, marker: Bool) {
        let buffer = UnsafeMutableRawBufferPointer(start: ring + slot * Self.slotSize, count: Self.slotSize)
        let length = VP8Packet.write(
            into: buffer, sequence: nextSequence, timestamp: frameIndex &* 3000, ssrc: FanoutOptions.publisherSSRC,
            payloadLength: payloadLength, frameStart: frameStart, keyFrame: keyFrame, marker: marker)
        nextSequence &+= 1
        guard case .ok(let protected) = session.protectRTP(buffer, length: length) else {
            failed += 1
            return
        }
        if !socket.stage(UnsafeRawBufferPointer(rebasing: buffer[..<protected]), to: server) {
            failed += 1
        }
    }

    private func flush() -> Int {
        let report = socket.flush()
        failed += report.dropped
        return report.sent
    }
}
