/// Why a simulated peer's data channel could not be set up.
public enum DataChannelLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// usrsctp refused to make the association (its words).
    case association(String)

    public var description: String {
        switch self {
        case .association(let reason): "data-channel association: \(reason)"
        }
    }
}
