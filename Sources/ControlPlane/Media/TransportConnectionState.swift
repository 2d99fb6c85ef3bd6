import MediaContract

extension ParticipantState {
    /// The participant's state from its transports' states: `connected` while any transport is
    /// connected; `disconnected` once all that had connected are gone; otherwise `connecting`
    /// while it has an open (or failed) transport, `new` before it has any.
    init(transports: some Collection<TransportConnectionState>, publishTransportOpen: Bool) {
        if transports.contains(.connected) {
            self = .connected
        } else if transports.contains(.disconnected) {
            self = .disconnected
        } else if publishTransportOpen || !transports.isEmpty {
            self = .connecting
        } else {
            self = .new
        }
    }
}
