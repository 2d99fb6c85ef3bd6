// The bounded set of candidate pairs a lite agent has seen valid checks on.

/// The valid pairs of one agent (RFC 8445 §7.3.2), each with the time of its last valid
/// check.
///
/// Invariants: at most `capacity` entries, no two for the same pair; storage is reserved
/// once, so recording a check never allocates.
struct ICECandidatePairTable: Sendable {
    struct Entry: Sendable {
        let pair: ICECandidatePair
        var lastValidCheck: Timestamp
    }

    private(set) var entries: [Entry] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    func contains(_ pair: ICECandidatePair) -> Bool {
        entries.contains { $0.pair == pair }
    }

    /// Records a valid check on `pair` at `now`. A new pair takes a free slot, or else the
    /// slot of the pair silent the longest if it has been silent for at least
    /// `staleAfterNanoseconds`. False, with nothing changed, when there is no room.
    ///
    /// The agent passes its consent timeout, so the selected pair is never forgotten while the
    /// agent is connected: its last valid check is its last consent, and a pair silent that
    /// long has already failed the agent.
    mutating func recordValidCheck(on pair: ICECandidatePair, at now: Timestamp,
                                   staleAfterNanoseconds: Int64) -> Bool {
        if let index = entries.firstIndex(where: { $0.pair == pair }) {
            entries[index].lastValidCheck = now
            return true
        }
        if entries.count < capacity {
            entries.append(Entry(pair: pair, lastValidCheck: now))
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
        entries[index] = Entry(pair: pair, lastValidCheck: now)
        return true
    }
}
