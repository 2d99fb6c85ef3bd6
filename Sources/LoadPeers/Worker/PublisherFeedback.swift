import RTCWire

/// What the server's RTCP asks of a publisher: key frames (PLI, FIR) for some of its SSRCs, and
/// retransmissions (generic NACK), which the harness counts but does not answer.
///
/// Invariant: reading a compound packet allocates nothing; a malformed packet ends the walk
/// (what came before it still counts).
enum PublisherFeedback {
    /// One request from a compound packet.
    enum Request: Equatable {
        case keyFrame(SSRC)
        case nack
    }

    /// The requests of one decrypted compound packet, in order (valid while its bytes are).
    struct Requests: IteratorProtocol {
        private var packets: RTCPCompoundIterator
        /// The remaining FIR entries of the packet being read.
        private var firEntries: FullIntraRequest.Entries.Iterator?

        init(_ bytes: UnsafeRawBufferPointer) { packets = RTCPCompoundPacket(bytes).makeIterator() }

        mutating func next() -> Request? {
            if let entry = firEntries?.next() { return .keyFrame(entry.ssrc) }
            firEntries = nil
            while let result = packets.next() {
                guard case .success(let packet) = result else { return nil }
                switch packet {
                case .pictureLossIndication(let pli):
                    return .keyFrame(pli.mediaSSRC)
                case .fullIntraRequest(let fir):
                    var entries = fir.entries.makeIterator()
                    guard let first = entries.next() else { continue }
                    firEntries = entries
                    return .keyFrame(first.ssrc)
                case .genericNack:
                    return .nack
                default:
                    continue
                }
            }
            return nil
        }
    }
}
