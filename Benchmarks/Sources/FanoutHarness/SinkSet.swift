import Glibc
import SRTP
import Synchronization
import Worker

/// The subscribers' receiving side: one UDP socket per subscriber, read with `recvmmsg` into
/// one pre-allocated batch. Every RTP datagram is counted and its cleartext header checked
/// (the subscriber's SSRC, sequence numbers one apart); one in `verifyEvery` per sink is
/// decrypted with that subscriber's own SRTP session and its payload compared with what the
/// publisher sent (`VP8Packet.check`), which also checks that the server's sequence offset
/// stays constant.
///
/// Invariants: `receive` allocates nothing once every sink has decrypted one packet (libsrtp
/// adds its per-SSRC stream on the first); `received` is the sum of the sinks' RTP datagrams
/// and `receivedCounter` follows it after each `receive`; used by one thread at a time.
public final class SinkSet {
    struct SinkState {
        var lastSequence: Int32 = -1
        var lost = 0
        var misordered = 0
        /// Output minus publisher sequence number, from the first decrypted packet on.
        var offset: Int32 = -1
        var verified = 0
        var untilVerify = 0
    }

    private let sockets: [UDPSocket]
    private let sessions: [SRTPSession]
    private let payloadLength: Int
    private let pool: BufferPool
    private var batch: ReceivedBatch
    private let pollDescriptors: UnsafeMutablePointer<pollfd>
    private let states: UnsafeMutablePointer<SinkState>
    /// Each sink decrypts and checks one RTP packet in this many.
    public let verifyEvery: Int
    /// RTP datagrams received by all sinks.
    public private(set) var received = 0
    /// `received`, readable from another thread (the closed-loop generator).
    public let receivedCounter = Atomic<Int>(0)
    /// Packets whose SSRC, decryption or payload was wrong.
    public private(set) var badPackets = 0
    /// The first such problem, described.
    public private(set) var firstProblem: String?

    init(sockets: [UDPSocket], sessions: [SRTPSession], payloadLength: Int, verifyEvery: Int) {
        precondition(sockets.count == sessions.count && !sockets.isEmpty, "one SRTP session per sink")
        self.sockets = sockets
        self.sessions = sessions
        self.payloadLength = payloadLength
        self.verifyEvery = verifyEvery
        pool = BufferPool(slotSize: 2048, slotCount: 256)
        batch = ReceivedBatch(pool: pool, capacity: 32)
        pollDescriptors = .allocate(capacity: sockets.count)
        states = .allocate(capacity: sockets.count)
        for (index, socket) in sockets.enumerated() {
            (pollDescriptors + index).initialize(to: pollfd(fd: socket.fileDescriptor, events: Int16(POLLIN), revents: 0))
            (states + index).initialize(to: SinkState())
        }
    }

    deinit {
        pollDescriptors.deallocate()
        states.deallocate()
    }

    public var count: Int { sockets.count }

    /// Packets sink `index` decrypted and found as sent.
    public func sinkVerified(_ index: Int) -> Int { states[index].verified }

    /// Sequence gaps, summed over the sinks.
    public var totalLost: Int { (0..<sockets.count).reduce(0) { $0 + states[$1].lost } }
    /// Misordered or duplicated datagrams, summed over the sinks.
    public var totalMisordered: Int { (0..<sockets.count).reduce(0) { $0 + states[$1].misordered } }
    /// Packets decrypted and found as sent, summed over the sinks.
    public var totalVerified: Int { (0..<sockets.count).reduce(0) { $0 + states[$1].verified } }

    /// Waits up to `timeoutMilliseconds` (0: do not wait) for any sink to have data, reads
    /// every ready sink empty, and returns how many RTP datagrams this call counted.
    @discardableResult
    public func receive(timeoutMilliseconds: Int32) -> Int {
        let ready = poll(pollDescriptors, nfds_t(sockets.count), timeoutMilliseconds)
        guard ready > 0 else { return 0 }
        let before = received
        for index in 0..<sockets.count where pollDescriptors[index].revents != 0 {
            drain(sink: index)
        }
        receivedCounter.store(received, ordering: .relaxed)
        return received - before
    }

    /// Receives until `received` reaches `target` or `timeoutNanoseconds` pass; true if reached.
    public func receive(until target: Int, timeoutNanoseconds: Int64) -> Bool {
        let deadline = MonotonicClock.now() + timeoutNanoseconds
        while received < target {
            let left = deadline - MonotonicClock.now()
            guard left > 0 else { return false }
            receive(timeoutMilliseconds: Int32(clamping: (left + 999_999) / 1_000_000))
        }
        return true
    }

    private func drain(sink index: Int) {
        let socket = sockets[index]
        while case .received(let datagrams) = socket.receiveBatch(into: &batch) {
            for entry in 0..<batch.count {
                tally(batch.bytes(at: entry), sink: index)
            }
            if datagrams < batch.capacity { return }
        }
    }

    @inline(__always)
    private func tally(_ bytes: UnsafeMutableRawBufferPointer, sink index: Int) {
        let view = UnsafeRawBufferPointer(bytes)
        guard VP8Packet.isRTP(view) else { return }
        received += 1
        let state = states + index
        let sequence = VP8Packet.load16(view, 2)
        if state.pointee.lastSequence < 0 {
            state.pointee.lastSequence = Int32(sequence)
        } else {
            let step = Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: state.pointee.lastSequence))
            if step > 0 {
                state.pointee.lost += Int(step) - 1
                state.pointee.lastSequence = Int32(sequence)
            } else {
                state.pointee.misordered += 1
            }
        }
        if state.pointee.untilVerify == 0 {
            state.pointee.untilVerify = verifyEvery - 1
            verify(bytes, sink: index)
        } else {
            state.pointee.untilVerify -= 1
        }
    }

    private func verify(_ bytes: UnsafeMutableRawBufferPointer, sink index: Int) {
        let expectedSSRC = FanoutOptions.subscriberSSRC(index)
        guard case .ok(let length) = sessions[index].unprotectRTP(bytes, length: bytes.count) else {
            problem("sink \(index): SRTP unprotect failed with its own session")
            return
        }
        switch VP8Packet.check(UnsafeRawBufferPointer(rebasing: bytes[..<length]), ssrc: expectedSSRC, payloadLength: payloadLength) {
        case .ok(let sequence, let publisherSequence):
            let offset = Int32(sequence &- publisherSequence)
            let state = states + index
            if state.pointee.offset < 0 {
                state.pointee.offset = offset
            } else if state.pointee.offset != offset {
                problem("sink \(index): sequence offset moved from \(state.pointee.offset) to \(offset)")
                return
            }
            state.pointee.verified += 1
        case let other:
            problem("sink \(index) (SSRC \(expectedSSRC)): \(other)")
        }
    }

    private func problem(_ text: @autoclosure () -> String) {
        badPackets += 1
        if firstProblem == nil { firstProblem = text() }
    }
}
