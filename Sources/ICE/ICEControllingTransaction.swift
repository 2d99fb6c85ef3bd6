// The bookkeeping of a controlling agent: its checks in flight, its remote candidates, the
// datagrams it owes the owner, and the seeded generator behind transaction IDs and jitter.

import RTCWire

/// One Binding request the agent waits on, retransmitted with a doubling timeout.
///
/// Invariants: `transmissions` is in 1...`ICEControllingAgent.maximumTransmissions`;
/// `nextEventAt` is when the next retransmission is due or, after the last one, when the
/// transaction times out.
struct ICEControllingTransaction: Sendable {
    enum Purpose: Sendable {
        /// An ordinary connectivity check (RFC 8445 §7.2.4).
        case check
        /// The check carrying USE-CANDIDATE (regular nomination, RFC 8445 §8.1.1).
        case nomination
        /// A consent freshness check on the selected pair (RFC 7675).
        case consent
    }

    /// What `service(now:)` found due.
    enum Due { case nothing, retransmit, timedOut }

    let id: STUNTransactionID
    /// Index into the agent's candidates.
    let candidate: Int
    let purpose: Purpose
    private(set) var transmissions = 1
    private var timeoutNanoseconds: Int64
    private(set) var nextEventAt: Timestamp

    /// A transaction whose first transmission goes out at `now`.
    init(id: STUNTransactionID, candidate: Int, purpose: Purpose, now: Timestamp) {
        self.id = id
        self.candidate = candidate
        self.purpose = purpose
        timeoutNanoseconds = ICEControllingAgent.initialRetransmissionTimeout.saturatingNanoseconds
        nextEventAt = now.advanced(byNanoseconds: timeoutNanoseconds)
    }

    var useCandidate: Bool { purpose == .nomination }

    /// Advances the retransmission schedule to `now`: a retransmission is due (and counted) if
    /// the timeout passed with transmissions left, else the transaction timed out.
    mutating func service(now: Timestamp) -> Due {
        guard now >= nextEventAt else { return .nothing }
        guard transmissions < ICEControllingAgent.maximumTransmissions else { return .timedOut }
        transmissions += 1
        timeoutNanoseconds = min(timeoutNanoseconds.multipliedReportingOverflow(by: 2).partialValue,
                                 ICEControllingAgent.maximumRetransmissionTimeout.saturatingNanoseconds)
        nextEventAt = now.advanced(byNanoseconds: timeoutNanoseconds)
        return .retransmit
    }
}

/// One remote candidate and where its connectivity check stands (RFC 8445 §6.1.2.6, reduced
/// to what a single local candidate needs).
///
/// Invariant: `check` is non-nil exactly while `state == .inProgress`.
struct ICEControllingCandidate: Sendable {
    enum State: Sendable { case waiting, inProgress, succeeded, failed }

    let address: STUNTransportAddress
    var state = State.waiting
    var check: ICEControllingTransaction?

    init(address: STUNTransportAddress) { self.address = address }
}

/// A datagram decided but not yet written: the agent queues this small value and writes the
/// bytes only when the owner polls, straight into the owner's buffer.
enum ICEControllingPendingTransmit: Sendable {
    /// A Binding request (first transmission or retransmission).
    case request(STUNTransactionID, to: STUNTransportAddress, useCandidate: Bool)
    /// A success response to the peer's check, XOR-MAPPED-ADDRESS = its source.
    case success(STUNTransactionID, to: STUNTransportAddress)
    /// A 487 to a peer that claims the controlling role too.
    case roleConflict(STUNTransactionID, to: STUNTransportAddress)

    var destination: STUNTransportAddress {
        switch self {
        case .request(_, let to, _), .success(_, let to), .roleConflict(_, let to): to
        }
    }
}

/// SplitMix64 (a small, fast, seeded generator): transaction IDs and consent jitter, so that an
/// agent's behaviour is reproducible from its tie-breaker and nothing reads the system's entropy
/// per check. Not cryptographically secure: transaction IDs only need to be unique and not
/// trivially guessed by an off-path sender.
struct ICEControllingRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed ^ 0x6A09_E667_F3BC_C908 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `nanoseconds` scaled by a factor drawn uniformly from 0.8...1.2 (in steps of 0.001),
    /// saturating, at least 1.
    mutating func jittered(_ nanoseconds: Int64) -> Int64 {
        let permille = 800 + Int64(next() % 401)
        let scaled = Double(nanoseconds) * Double(permille) / 1000
        guard scaled < 9.0e18 else { return .max }
        return max(1, Int64(scaled))
    }
}
