// Where a connectivity check came in and where it came from.

import RTCWire

/// The local socket (or interface) a datagram arrived on, as the worker numbers them; a
/// response leaves through the same one.
///
/// Invariant: any value is valid; the agent only compares and returns it.
public struct ICELocalInterface: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public var description: String { "interface \(rawValue)" }
}

/// A candidate pair as a lite agent knows it (RFC 8445 §7.3.2): the local interface a check
/// arrived on and the check's source transport address, which is the remote candidate
/// (often peer-reflexive). Media for the pair goes to `remote` through `localInterface`.
///
/// Invariant: two pairs are the same pair exactly when both parts are equal.
public struct ICECandidatePair: Hashable, Sendable, CustomStringConvertible {
    public let localInterface: ICELocalInterface
    public let remote: STUNTransportAddress

    public init(localInterface: ICELocalInterface, remote: STUNTransportAddress) {
        self.localInterface = localInterface
        self.remote = remote
    }

    public var description: String { "\(localInterface) ↔ \(remote)" }
}
