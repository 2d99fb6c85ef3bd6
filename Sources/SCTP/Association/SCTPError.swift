/// Why an `SCTPAssociation` could not be created (control path only; the packet path reports
/// counters, `SCTPSendResult` values and events instead).
public enum SCTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is outside what the association supports.
    case invalidSetting(name: String, value: Int, allowed: ClosedRange<Int>)
    /// `usrsctp_socket` failed (errno).
    case socketCreation(errno: Int32)
    /// A socket option was refused (its name and errno).
    case socketOption(name: String, errno: Int32)
    /// `usrsctp_bind` to the local port failed (errno; EADDRINUSE when another association of
    /// the process already bound the same address and port).
    case bind(port: UInt16, errno: Int32)

    public var description: String {
        switch self {
        case let .invalidSetting(name, value, allowed):
            "SCTP setting \(name) = \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .socketCreation(errno):
            "usrsctp_socket failed with errno \(errno)"
        case let .socketOption(name, errno):
            "usrsctp refused socket option \(name) with errno \(errno)"
        case let .bind(port, errno):
            "usrsctp_bind to SCTP port \(port) failed with errno \(errno)"
        }
    }
}
