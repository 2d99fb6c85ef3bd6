public import MediaContract

// What a subscribe transport receives, as the pool recorded it from the subscriber's answer:
// the stats of its forwarded streams name their sections and codecs by it.
extension WorkerPool {
    /// The tracks the subscribe transport `key` receives (its latest `Subscription`'s
    /// consumers), empty when it has none.
    public func subscribedTracks(of key: TransportKey) -> [SubscribedTrack] {
        directory.state.withLock { $0.forwarding.subscriptions[key]?.map(\.track) ?? [] }
    }
}
