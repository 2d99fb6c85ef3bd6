/// Which of a participant's two transports a state belongs to.
public enum TransportRole: String, Hashable, Sendable, CaseIterable {
    case publish, subscribe
}

/// What the media engine knows of one transport's connection, as ``MediaEngine/transportStates(room:participant:)``
/// reports it.
///
/// Invariants: `connected` means ICE and DTLS are both connected now; `disconnected` is only
/// reported for a transport that was connected at some point and is gone since (it closed
/// itself, e.g. consent expired, or its owner closed it); `failed` is a transport that ended on
/// its own without ever connecting.
public enum TransportConnectionState: String, Hashable, Sendable {
    case connecting, connected, disconnected, failed
}
