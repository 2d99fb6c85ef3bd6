public import RTCWire

/// A parsed SDP session description (RFC 8866) with the attributes WebRTC uses typed.
///
/// Invariants: `media` keeps the order of the `m=` lines (offer and answer match them by index);
/// the protocol version is always 0. `SDPWriter` writes it as CRLF text, and parsing that text
/// gives back an equal value (see `SDPWriter` for the order lines are written in).
public struct SessionDescription: Hashable, Sendable, CustomStringConvertible {
    public var origin: Origin
    public var sessionName: String
    /// The first `t=` line; WebRTC always writes `t=0 0`.
    public var timing: Timing
    /// Session-level `c=` line, if any.
    public var connection: ConnectionData?
    public var bandwidths: [Bandwidth]
    /// Session-level lines without a typed field (`i=`, `u=`, `e=`, `p=`, `r=`, `z=`, `k=`,
    /// further `t=`), in their order.
    public var extraLines: [SDPLine]
    public var attributes: SessionAttributes
    public var media: [MediaDescription]

    public init(
        origin: Origin, sessionName: String = "-", timing: Timing = Timing(start: 0, stop: 0),
        connection: ConnectionData? = nil, bandwidths: [Bandwidth] = [], extraLines: [SDPLine] = [],
        attributes: SessionAttributes = SessionAttributes(), media: [MediaDescription] = []
    ) {
        self.origin = origin
        self.sessionName = sessionName
        self.timing = timing
        self.connection = connection
        self.bandwidths = bandwidths
        self.extraLines = extraLines
        self.attributes = attributes
        self.media = media
    }

    /// The ICE and DTLS parameters of `media`, each taken from the media section when it has it
    /// and from the session level otherwise.
    public func resolvedTransport(of media: MediaDescription) -> TransportAttributes {
        media.transport.resolved(over: attributes.transport)
    }

    /// The media section whose `a=mid` is `mid`.
    public func media(withMid mid: Mid) -> MediaDescription? {
        media.first { $0.mid == mid }
    }

    /// The SDP text, as `SDPWriter.write` makes it.
    public var description: String { SDPWriter.write(self) }
}

/// The `o=` line: `<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
///
/// Invariant: every field is a non-empty token without spaces; `sessionID` is kept as text
/// because implementations write ids wider than 64 bits.
public struct Origin: Hashable, Sendable {
    public var username: String
    public var sessionID: String
    public var sessionVersion: UInt64
    public var networkType: String
    public var addressType: String
    public var address: String

    public init(
        username: String = "-", sessionID: String, sessionVersion: UInt64,
        networkType: String = "IN", addressType: String = "IP4", address: String = "0.0.0.0"
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }
}

/// A `t=<start-time> <stop-time>` line (NTP seconds; 0 0 means unbounded).
public struct Timing: Hashable, Sendable {
    public var start: UInt64
    public var stop: UInt64
    public init(start: UInt64, stop: UInt64) {
        self.start = start
        self.stop = stop
    }
}

/// A `c=<nettype> <addrtype> <connection-address>` line.
///
/// Invariant: each field is a non-empty token; `address` keeps any multicast `/ttl` suffix.
public struct ConnectionData: Hashable, Sendable {
    public var networkType: String
    public var addressType: String
    public var address: String

    public init(networkType: String = "IN", addressType: String = "IP4", address: String) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }

    /// `IN IP6 address` when `address` contains a colon, `IN IP4 address` otherwise.
    public init(ipAddress address: String) {
        self.init(addressType: address.contains(":") ? "IP6" : "IP4", address: address)
    }
}

/// A `b=<bwtype>:<bandwidth>` line (kilobits per second for AS/CT, bits for TIAS).
///
/// Invariant: `type` is a non-empty token.
public struct Bandwidth: Hashable, Sendable {
    public var type: String
    public var value: UInt64
    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }
}

/// A line kept as it was: its type letter and its value (the text after `=`).
///
/// Invariant: `type` is a lowercase ASCII letter; `value` has no CR, LF or other control character.
public struct SDPLine: Hashable, Sendable {
    public var type: Character
    public var value: String
    public init(type: Character, value: String) {
        self.type = type
        self.value = value
    }
}
