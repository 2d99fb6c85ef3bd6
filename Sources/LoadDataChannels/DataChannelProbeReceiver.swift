import LoadModel

/// What one peer received of each probe stream over its data channels, measured in two steps:
/// `receive` reads a message's probe trailer and notes its arrival; `measure(into:)` applies
/// the arrivals noted since, in order, to the per-stream `StreamReception`s and adds their
/// one-way delays to the caller's histogram (a histogram is too large to keep one per peer).
///
/// Invariants: `receptions` has one entry per probe stream seen, in the order first seen, and
/// reflects every arrival up to the last `measure(into:)`; `pending` holds the later ones, in
/// arrival order. Once the arrays have grown to the peak arrivals between two measures, noting
/// and measuring never allocate (except the first arrival of a new stream).
struct DataChannelProbeReceiver {
    /// One message's probe and when it arrived.
    struct Arrival: Sendable, Hashable {
        let probe: ProbeTrailer
        let receivedAt: Int64
    }

    /// Arrivals kept between two measures before the buffer has to grow.
    static let initialPendingCapacity = 256

    private(set) var receptions: [StreamReception] = []
    private var indexOfStream: [ProbeStreamID: Int] = [:]
    private(set) var pending: [Arrival] = []
    /// Messages whose last bytes were not a probe trailer.
    private(set) var messagesWithoutProbe: UInt64 = 0
    /// When the first message arrived (monotonic ns).
    private(set) var firstReceivedAt: Int64?

    init() {
        pending.reserveCapacity(Self.initialPendingCapacity)
    }

    /// Notes one message's arrival at `now`; false (counted) when it carries no probe trailer.
    @discardableResult
    mutating func receive(_ payload: UnsafeRawBufferPointer, at now: Int64) -> Bool {
        if firstReceivedAt == nil { firstReceivedAt = now }
        guard let probe = ProbeTrailer(atEndOf: payload) else {
            messagesWithoutProbe &+= 1
            return false
        }
        pending.append(Arrival(probe: probe, receivedAt: now))
        return true
    }

    /// Applies the arrivals noted since the last call to the receptions, adding their delays
    /// to `delays`.
    mutating func measure(into delays: inout DelayHistogram) {
        for arrival in pending {
            let index: Int
            if let known = indexOfStream[arrival.probe.stream] {
                index = known
            } else {
                index = receptions.count
                receptions.append(StreamReception(stream: arrival.probe.stream))
                indexOfStream[arrival.probe.stream] = index
            }
            receptions[index].record(arrival.probe, receivedAt: arrival.receivedAt, delays: &delays)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
