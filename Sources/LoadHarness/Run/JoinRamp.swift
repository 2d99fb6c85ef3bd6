/// Starts work at a steady rate (the scenario's join ramp) with at most `concurrency` items in
/// flight, and collects each item's result in the items' order.
///
/// Invariants: item k starts no earlier than `k / perSecond` seconds after `run` began, and
/// only while fewer than `concurrency` earlier items are unfinished; every item runs exactly
/// once; the call returns when all have finished.
struct JoinRamp: Sendable {
    /// Signalling calls in flight at once: enough to keep a ramp of hundreds per second going
    /// against a server that answers in milliseconds, few enough not to flood it.
    static let defaultConcurrency = 32
    /// A rate so high that items start as fast as the concurrency allows (for leaving).
    static let unpaced = 1e9

    let perSecond: Double
    let concurrency: Int

    init(perSecond: Double, concurrency: Int = Self.defaultConcurrency) {
        self.perSecond = max(perSecond, 0.001)
        self.concurrency = max(1, concurrency)
    }

    func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        let clock = ContinuousClock()
        let start = clock.now
        let spacing = Duration.nanoseconds(Int64(1e9 / perSecond))
        return await withTaskGroup(of: (Int, Result).self, returning: [Result].self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var inFlight = 0
            for (index, item) in items.enumerated() {
                if index > 0 { try? await clock.sleep(until: start + spacing * index) }
                if inFlight >= concurrency, let (finished, result) = await group.next() {
                    results[finished] = result
                    inFlight -= 1
                }
                group.addTask { (index, await body(item)) }
                inFlight += 1
            }
            for await (finished, result) in group { results[finished] = result }
            return results.compactMap { $0 }
        }
    }
}
