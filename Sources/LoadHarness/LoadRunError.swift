public import LoadModel

/// Why a load run could not start or had to stop.
public enum LoadRunError: Error, Sendable, CustomStringConvertible {
    /// The scenario (flags or file) is not valid: which setting, and why.
    case invalidScenario(String)
    /// The server refused or failed a step every peer needs (creating the rooms).
    case signalling(SignallingError)
    /// The peers could not be set up (sockets, threads, DTLS).
    case peers(String)

    public var description: String {
        switch self {
        case .invalidScenario(let reason): "invalid scenario: \(reason)"
        case .signalling(let error): "\(error)"
        case .peers(let reason): "peers: \(reason)"
        }
    }
}
