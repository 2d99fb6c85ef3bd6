/// Names one scheduled timer of a `TimerWheel`, for `cancel`.
///
/// Invariant: a handle matches its timer only until that timer fires or is cancelled; the node's
/// generation then moves on, so a stale handle cancels nothing.
public struct TimerHandle: Hashable, Sendable {
    let node: Int32
    let generation: UInt32
}
