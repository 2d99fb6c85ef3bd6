/// Why the harness's peer pool could not do what the runner asked.
public enum LoadPeerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A socket, thread or DTLS context could not be made (the system's words).
    case setup(String)
    /// Every transport slot the pool was made for is in use.
    case capacityExhausted(Int)
    /// No transport with this number was opened.
    case unknownTransport(Int)
    /// `start` was already called for this transport.
    case alreadyStarted(Int)
    /// The server's description cannot be used (a fingerprint DTLS does not take, say).
    case unusableRemote(transport: Int, reason: String)
    /// The plan asks for data channels on a transport opened without them (only transports
    /// opened with `dataChannel: true` live on the thread that runs usrsctp).
    case dataChannelsUnavailable(transport: Int)
    /// The transport's worker did not take the command (it stopped, or its queue is full).
    case workerUnavailable(transport: Int)
    /// The pool was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .setup(let reason): "peer pool setup failed: \(reason)"
        case .capacityExhausted(let capacity): "all \(capacity) transport slots are in use"
        case .unknownTransport(let number): "no transport \(number)"
        case .alreadyStarted(let number): "transport \(number) was already started"
        case .unusableRemote(let number, let reason): "transport \(number): the server's description is unusable: \(reason)"
        case .dataChannelsUnavailable(let number):
            "transport \(number): data channels need a transport opened with dataChannel: true"
        case .workerUnavailable(let number): "transport \(number): its worker thread took no command (stopped or busy)"
        case .shutDown: "the peer pool is shut down"
        }
    }
}
