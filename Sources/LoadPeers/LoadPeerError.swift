/// Why the harness's peer pool could not do what the runner asked.
public enum LoadPeerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A socket, thread or DTLS context could not be made (the system's words).
    case setup(String)
    /// Every transport slot the pool was made for is in use.
    case capacityExhausted(Int)
    /// No transport with this number was opened.
    case unknownTransport(Int)

    public var description: String {
        switch self {
        case .setup(let reason): "peer pool setup failed: \(reason)"
        case .capacityExhausted(let capacity): "all \(capacity) transport slots are in use"
        case .unknownTransport(let number): "no transport \(number)"
        }
    }
}
