/// The wait before an empty room closes, on an injected clock (tests drive a manual one).
enum EmptyRoomTimer {
    /// A sleep that ends `delay` after the moment this is called, not after the moment the
    /// returned closure starts: the deadline is fixed when the room becomes empty.
    static func sleep<C: Clock>(on clock: C, after delay: Duration) -> @Sendable () async throws -> Void
    where C.Duration == Duration {
        let deadline = clock.now.advanced(by: delay)
        return { try await clock.sleep(until: deadline, tolerance: nil) }
    }
}
