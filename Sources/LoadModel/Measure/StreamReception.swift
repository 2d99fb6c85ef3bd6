/// What one receiver got of one probe stream: which probe sequence numbers arrived, how many
/// twice, how many out of order, and the stream's interarrival jitter (RFC 3550 §6.4.1 over
/// the probes' exact send times).
///
/// Invariants: `uniquePackets` counts each sequence number once (duplicates are recognised
/// within the last `window` numbers below `highestSequence`; older stragglers count as
/// reordered, not unique, so loss is never under-reported); `firstSequence ≤ highestSequence`
/// once anything arrived. Recording never allocates.
public struct StreamReception: Sendable {
    public static let window: UInt64 = 1024

    public let stream: ProbeStreamID
    public private(set) var firstSequence: UInt64?
    public private(set) var highestSequence: UInt64 = 0
    public private(set) var uniquePackets: UInt64 = 0
    public private(set) var duplicates: UInt64 = 0
    public private(set) var reordered: UInt64 = 0
    public private(set) var tooLate: UInt64 = 0
    /// RFC 3550 interarrival jitter, in nanoseconds.
    public private(set) var jitterNanoseconds: Double = 0
    public private(set) var firstReceivedAt: Int64?
    private var lastTransit: Int64?
    /// Bit k set: `highestSequence - k` arrived (k < window).
    private var seen = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                        UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))

    public init(stream: ProbeStreamID) { self.stream = stream }

    /// Counts one arrival and adds its one-way delay to `delays` (saturated if the probe's send
    /// time is absurd: the trailer comes off the wire).
    public mutating func record(_ probe: ProbeTrailer, receivedAt: Int64, delays: inout DelayHistogram) {
        // The send time comes off the wire: saturate rather than trap on a corrupted one.
        let (delay, overflow) = receivedAt.subtractingReportingOverflow(probe.sentAt)
        delays.record(nanoseconds: overflow ? (probe.sentAt < 0 ? .max : .min) : delay)
        let transit = receivedAt &- probe.sentAt
        if let lastTransit {
            let difference = Double((transit &- lastTransit).magnitude)
            jitterNanoseconds += (difference - jitterNanoseconds) / 16
        }
        lastTransit = transit
        let sequence = probe.sequence
        guard let first = firstSequence else {
            firstSequence = sequence
            firstReceivedAt = receivedAt
            highestSequence = sequence
            uniquePackets = 1
            setSeen(0)
            return
        }
        if sequence > highestSequence {
            shiftSeen(by: sequence - highestSequence)
            highestSequence = sequence
            setSeen(0)
            uniquePackets += 1
            return
        }
        let age = highestSequence - sequence
        if age >= Self.window || sequence < first {
            tooLate += 1
            reordered += 1
            return
        }
        if isSeen(age) {
            duplicates += 1
        } else {
            setSeen(age)
            uniquePackets += 1
            reordered += 1
        }
    }

    private func isSeen(_ age: UInt64) -> Bool {
        withUnsafeBytes(of: seen) { $0.load(fromByteOffset: Int(age / 64) * 8, as: UInt64.self) } & (1 << (age % 64)) != 0
    }

    private mutating func setSeen(_ age: UInt64) {
        withUnsafeMutableBytes(of: &seen) { words in
            let offset = Int(age / 64) * 8
            words.storeBytes(of: words.load(fromByteOffset: offset, as: UInt64.self) | (1 << (age % 64)),
                             toByteOffset: offset, as: UInt64.self)
        }
    }

    /// Moves the window up by `distance` numbers (bit k becomes bit k + distance).
    private mutating func shiftSeen(by distance: UInt64) {
        withUnsafeMutableBytes(of: &seen) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            guard distance < Self.window else {
                for index in words.indices { words[index] = 0 }
                return
            }
            let wordShift = Int(distance / 64)
            let bitShift = distance % 64
            for index in stride(from: words.count - 1, through: 0, by: -1) {
                let source = index - wordShift
                var value: UInt64 = source >= 0 ? words[source] << bitShift : 0
                if bitShift > 0, source - 1 >= 0 { value |= words[source - 1] >> (64 - bitShift) }
                words[index] = value
            }
        }
    }
}
