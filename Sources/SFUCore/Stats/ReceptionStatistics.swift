public import RTCWire

/// Loss and jitter of one received RTP stream, kept as RFC 3550 Appendix A keeps them: the
/// extended highest sequence number (A.1, without the probation a receiver of unauthenticated
/// packets needs: SRTP already vouched for each packet), the cumulative number lost (A.3:
/// expected minus received, negative when duplicates outnumber losses) and the interarrival
/// jitter (A.8), from the packets' RTP timestamps and their monotonic arrival times in the
/// payload type's clock rate.
///
/// Invariants: `record` is integer arithmetic only: it never allocates, traps or reads a clock,
/// whatever the packets say. Before the first packet every figure is 0. A jump of more than
/// `maximumDropout` ahead (or more than `maximumMisorder` behind) is taken as a restart only
/// when the next packet follows it; the statistics then start over from that packet. `jitter`
/// is kept scaled by 16 (A.8), in RTP timestamp units of `clockRate`, and starts over when the
/// clock rate changes.
public struct ReceptionStatistics: Sendable, Hashable {
    /// A packet this far ahead of the highest is a jump, not loss (A.1's MAX_DROPOUT).
    public static let maximumDropout = 3000
    /// A packet this far behind the highest, or less, is reordering (A.1's MAX_MISORDER).
    public static let maximumMisorder = 100

    /// The first sequence number of the current run (A.1's base_seq).
    public private(set) var baseSequence: UInt16 = 0
    /// The highest sequence number seen, without its cycles (A.1's max_seq).
    public private(set) var highestSequence: UInt16 = 0
    /// Sequence number wraps seen, times 65536 (A.1's cycles).
    public private(set) var cycles: Int64 = 0
    /// Packets counted since the run started, duplicates included (A.1's received).
    public private(set) var received: Int64 = 0
    /// The clock rate the jitter is in, Hz; 0 until a packet with a known clock rate.
    public private(set) var clockRate: UInt32 = 0
    /// Interarrival jitter times 16, in RTP timestamp units.
    private var scaledJitter: Int64 = 0
    /// The previous packet's transit time (arrival minus RTP timestamp, in RTP units), once known.
    private var lastTransit: UInt32?
    /// The arrival time arrivals are counted from (RTP units are reckoned from it).
    private var clockOrigin: Int64 = 0
    /// The sequence number that, arriving next, confirms a jump as a restart (A.1's bad_seq).
    private var restartCandidate: UInt16?
    private var started = false

    public init() {}

    /// The extended highest sequence number received: cycles in the high 16 bits.
    public var extendedHighestSequence: UInt32 { UInt32(truncatingIfNeeded: cycles + Int64(highestSequence)) }

    /// Packets expected since the run started (A.3).
    public var expected: Int64 { started ? cycles + Int64(highestSequence) - Int64(baseSequence) + 1 : 0 }

    /// Packets lost since the run started: expected minus received (A.3); negative when more
    /// arrived than were expected (duplicates).
    public var packetsLost: Int64 { expected - received }

    /// The interarrival jitter in RTP timestamp units (A.8's `jitter >> 4`).
    public var jitter: UInt32 { UInt32(clamping: scaledJitter >> 4) }

    /// The jitter in seconds, 0 before a clock rate is known.
    public var jitterSeconds: Double { clockRate == 0 ? 0 : Double(jitter) / Double(clockRate) }

    /// Counts one packet: its sequence number and RTP timestamp, its arrival (monotonic
    /// nanoseconds) and the clock rate of its payload type (0: unknown; the jitter then waits).
    public mutating func record(sequence: SequenceNumber, timestamp: UInt32, arrival: Int64, clockRate: UInt32) {
        guard updateSequence(sequence.rawValue) else { return }
        updateJitter(timestamp: timestamp, arrival: arrival, clockRate: clockRate)
    }

    /// A.1's update_seq: whether the packet counts (false for the first packet of a jump).
    private mutating func updateSequence(_ sequence: UInt16) -> Bool {
        guard started else {
            restart(at: sequence)
            received = 1
            return true
        }
        let ahead = Int(sequence &- highestSequence)
        if ahead < Self.maximumDropout {
            if sequence < highestSequence { cycles += 65536 }
            highestSequence = sequence
        } else if ahead <= 65536 - Self.maximumMisorder {
            guard sequence == restartCandidate else {
                restartCandidate = sequence &+ 1
                return false
            }
            restart(at: sequence)
        }
        // Otherwise a duplicate or a reordered packet: counted, nothing else changes.
        received += 1
        return true
    }

    private mutating func restart(at sequence: UInt16) {
        started = true
        baseSequence = sequence
        highestSequence = sequence
        cycles = 0
        received = 0
        restartCandidate = nil
    }

    /// A.8: J += (|D| - J) / 16, with D the change in transit time between this packet and the
    /// one that arrived before it.
    private mutating func updateJitter(timestamp: UInt32, arrival: Int64, clockRate: UInt32) {
        guard clockRate > 0 else { return }
        if clockRate != self.clockRate {
            self.clockRate = clockRate
            scaledJitter = 0
            lastTransit = nil
            clockOrigin = arrival
        }
        let transit = Self.ticks(since: clockOrigin, at: arrival, clockRate: clockRate) &- timestamp
        defer { lastTransit = transit }
        guard let lastTransit else { return }
        let difference = Int64(Int32(bitPattern: transit &- lastTransit)).magnitude
        scaledJitter += Int64(difference) - ((scaledJitter + 8) >> 4)
    }

    /// The time from `origin` to `arrival` in RTP units of `clockRate`, modulo 2^32 (as RTP
    /// timestamps wrap).
    static func ticks(since origin: Int64, at arrival: Int64, clockRate: UInt32) -> UInt32 {
        let elapsed = UInt64(clamping: arrival &- origin)
        let nanosecondsPerSecond: UInt64 = 1_000_000_000
        let rate = UInt64(clockRate)
        let whole = (elapsed / nanosecondsPerSecond) &* rate
        let fraction = (elapsed % nanosecondsPerSecond) &* rate / nanosecondsPerSecond
        return UInt32(truncatingIfNeeded: whole &+ fraction)
    }
}
