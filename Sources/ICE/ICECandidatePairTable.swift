// The bounded set of candidate pairs a lite agent has seen valid checks on.

/// The valid pairs of one agent (RFC 8445 §7.3.2), each with the time of its last valid
/// check and the PRIORITY that check carried.
///
/// Invariants: at most `capacity` entries, no two for the same pair; storage is reserved
/// once, so recording a check never allocates.
struct ICECandidatePairTable: Sendable {
    private(set) var entries: [ICEValidPair] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// The entry of `pair`, if it is tracked.
    func entry(for pair: ICECandidatePair) -> ICEValidPair? {
        entries.first { $0.pair == pair }
    }

    /// Records a valid check on `pair` at `now` carrying `priority`. A new pair takes a free slot, or else the
    /// slot of the pair silent the longest if it has been silent for at least
    /// `staleAfterNanoseconds`. False, with nothing changed, when there is no room.
    ///
    /// The agent passes its consent timeout, so the selected pair is never forgotten while the
    /// agent is connected: its last valid check is its last consent, and a pair silent that
    /// long has already failed the agent.
    mutating func recordValidCheck(on pair: ICECandidatePair, at now: Timestamp, priority: UInt32?,
                                   staleAfterNanoseconds: Int64) -> Bool {
        if let index = entries.firstIndex(where: { $0.pair == pair }) {
            entries[index].lastValidCheck = now
            if let priority { entries[index].remotePriority = priority }
            return true
        }
        let entry = ICEValidPair(pair: pair, lastValidCheck: now, remotePriority: priority)
        if entries.count < capacity {
            entries.append(entry)
            return true
        }
        var oldest: Int?
        for index in entries.indices {
            if let current = oldest, entries[current].lastValidCheck <= entries[index].lastValidCheck { continue }
            oldest = index
        }
        guard let index = oldest, now.nanoseconds(since: entries[index].lastValidCheck) >= staleAfterNanoseconds else {
            return false
        }
        entries[index] = entry
        return true
    }
}

/// One candidate pair a lite agent saw a valid check on, for the owner's stats.
///
/// Invariant: `lastValidCheck` is the time of the latest valid check on `pair`;
/// `remotePriority` is the PRIORITY of the latest check that carried one (the remote
/// candidate's priority when it is peer-reflexive, RFC 8445 §7.3.1.3).
public struct ICEValidPair: Hashable, Sendable {
    public let pair: ICECandidatePair
    public internal(set) var lastValidCheck: Timestamp
    public internal(set) var remotePriority: UInt32?
}
