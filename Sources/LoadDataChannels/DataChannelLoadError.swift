/// Why a simulated peer's data channel could not be set up (control path only: once a peer
/// exists, trouble on its packets and messages is counted in `DataChannelLoadDrops`).
public enum DataChannelLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// usrsctp refused to make the association (its words).
    case association(String)
    /// A sending peer was given no probe stream to number its messages with.
    case missingProbeStream
    /// The profile's message rate is not a positive number of messages per second.
    case invalidMessageRate(Int)
    /// A message of `bytes` cannot carry a probe trailer (`minimum` bytes) or exceeds what the
    /// server accepts (`maximum`, its `a=max-message-size`).
    case invalidMessageSize(bytes: Int, minimum: Int, maximum: UInt64)

    public var description: String {
        switch self {
        case .association(let reason):
            "data-channel association: \(reason)"
        case .missingProbeStream:
            "a data-channel sender needs a probe stream id"
        case .invalidMessageRate(let rate):
            "data-channel message rate \(rate)/s is not positive"
        case let .invalidMessageSize(bytes, minimum, maximum):
            "data-channel messages of \(bytes) bytes are outside \(minimum)...\(maximum) bytes"
        }
    }
}
