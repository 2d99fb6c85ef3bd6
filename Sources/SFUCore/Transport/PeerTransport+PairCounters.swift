import ICE

// Per-candidate-pair counting for a PeerTransport's stats; allocation-free (the table's
// storage is reserved at the agent's pair table size).
extension PeerTransport {
    /// Counts a datagram received on `pair` when the pair is valid at `now`. A pair not yet
    /// counted takes a free entry, or the entry of a pair that is no longer valid.
    mutating func countReceived(on pair: ICECandidatePair, byteCount: Int, now: Timestamp) {
        let index: Int
        if let known = pairCounters.firstIndex(where: { $0.pair == pair }) {
            index = known
        } else {
            guard ice.isValid(pair, at: now) else { return }
            if pairCounters.count < ice.configuration.maximumCandidatePairs {
                pairCounters.append(CandidatePairCounters(pair: pair))
                index = pairCounters.count - 1
            } else if let stale = pairCounters.firstIndex(where: { !ice.isValid($0.pair, at: now) }) {
                pairCounters[stale] = CandidatePairCounters(pair: pair)
                index = stale
            } else {
                return
            }
        }
        pairCounters[index].packetsReceived &+= 1
        pairCounters[index].bytesReceived &+= UInt64(byteCount)
        pairCounters[index].lastPacketReceivedAt = now.nanoseconds
    }

    /// Counts a datagram sent, on its pair when that pair is counted.
    mutating func countSent(_ transmit: PeerTransmit) {
        let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: UInt8(truncatingIfNeeded: transmit.socketIndex)),
                                    remote: transmit.destination)
        guard let index = pairCounters.firstIndex(where: { $0.pair == pair }) else { return }
        pairCounters[index].packetsSent &+= 1
        pairCounters[index].bytesSent &+= UInt64(transmit.byteCount)
    }
}
