public import MediaContract
import SFUCore
import Worker

// The data-channel side of the pool (API.md "Data channels"): a transport that negotiated
// `m=application` gets an association number the first time, its worker forwards its SCTP
// packets under that number, and the data-channel thread makes the association.
extension WorkerPool {
    /// The channels the peer of the publish transport `key` has open (the participant's
    /// `dataChannels` list); empty when it has none or the transport is not open.
    public func dataChannels(of key: TransportKey) async -> [DataChannelDescription] {
        guard let association = directory.state.withLock({ $0.registry[key]?.dataAssociation }) else { return [] }
        return (try? await dataChannels.request { .openedChannels(association, $0) }) ?? []
    }

    /// The `data-channel` stats of the transport `key`'s channels; empty when it has none.
    public func dataChannelStatistics(of key: TransportKey) async -> [DataChannelStatistics] {
        guard let association = directory.state.withLock({ $0.registry[key]?.dataAssociation }) else { return [] }
        return (try? await dataChannels.request { .statistics(association, $0) }) ?? []
    }

    /// The association number of the open transport `key`: its own, or a new one (nil when the
    /// transport is not open).
    func dataAssociation(of key: TransportKey) -> UInt64? {
        directory.state.withLock { directory in
            guard let registration = directory.registry[key] else { return nil }
            if let association = registration.dataAssociation { return association }
            directory.lastAssociation &+= 1
            directory.registry[key]?.dataAssociation = directory.lastAssociation
            return directory.lastAssociation
        }
    }

    /// Has the data-channel thread make `association` for the transport `key` (nothing
    /// happens when it exists already).
    func attachDataChannels(_ key: TransportKey, association: UInt64, isDTLSClient: Bool, _ transport: DataChannelTransport) {
        guard let worker = worker(of: key) else { return }
        let peer = DataChannelPeer(room: key.room, participant: key.participant, isPublisher: key.role == .publish)
        let attachment = DataChannelAttachment(
            association: association, peer: peer, worker: worker, isDTLSClient: isDTLSClient, transport: transport)
        if !dataChannels.send(.attach(attachment)) { directory.state.withLock { $0.registry[key]?.dataAssociation = nil } }
    }
}
