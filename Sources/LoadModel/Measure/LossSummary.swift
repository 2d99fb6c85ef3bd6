/// What one publisher stream put on the wire, for the receivers' loss accounting.
///
/// Invariant: `packetsSent` = the next probe sequence number (probes are numbered from 0 and
/// only when really sent); `packetsDropped` counts the injected losses (never probed).
public struct SenderRecord: Sendable, Hashable {
    public var stream: ProbeStreamID
    public var packetsSent: UInt64
    public var packetsDropped: UInt64

    public init(stream: ProbeStreamID, packetsSent: UInt64, packetsDropped: UInt64) {
        self.stream = stream
        self.packetsSent = packetsSent
        self.packetsDropped = packetsDropped
    }
}

/// One receiving transport's reception of one stream.
public struct ReceptionRecord: Sendable {
    /// The receiving transport (`LoadPeerPool`'s transport number).
    public var transport: Int
    public var reception: StreamReception

    public init(transport: Int, reception: StreamReception) {
        self.transport = transport
        self.reception = reception
    }
}

/// Loss over a whole run: for each (receiver, stream) pair the receiver should have got every
/// probe from the first one it saw to the last one the sender sent; whatever is missing is lost.
///
/// Invariants: `lost = expected - received` (never negative: a receiver cannot get more unique
/// probes than were sent); `lossRatio` is 0 when nothing was expected.
public struct LossSummary: Sendable, Hashable {
    public var expected: UInt64 = 0
    public var received: UInt64 = 0
    public var duplicates: UInt64 = 0
    public var reordered: UInt64 = 0
    public var lost: UInt64 { expected - received }
    public var lossRatio: Double { expected == 0 ? 0 : Double(lost) / Double(expected) }

    public init() {}

    /// Sums `receptions` against what `senders` sent. Call it after the senders stopped and the
    /// last packets had time to arrive, or in-flight packets count as lost.
    public init(receptions: [ReceptionRecord], senders: [SenderRecord]) {
        var sent: [ProbeStreamID: UInt64] = [:]
        for sender in senders { sent[sender.stream] = sender.packetsSent }
        for record in receptions {
            let reception = record.reception
            guard let first = reception.firstSequence, let total = sent[reception.stream] else { continue }
            let expectedHere = total > first ? total - first : 0
            let receivedHere = min(reception.uniquePackets, expectedHere)
            expected += expectedHere
            received += receivedHere
            duplicates += reception.duplicates
            reordered += reception.reordered
        }
    }
}
