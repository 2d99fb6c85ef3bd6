/// Where the operator's stats sampler gets its samples: the media side, which copies its
/// workers' counters out through their command rings.
///
/// Requirement on a conforming type: `sample()` never blocks a thread (it may await), is safe
/// to call from any task, concurrently, and returns a `ServerSample` whose time is read when
/// the figures are gathered.
public protocol ServerSampleSource: Sendable {
    /// The figures now.
    func sample() async -> ServerSample
}
