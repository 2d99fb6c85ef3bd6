/// How one `SCTPAssociation` is set up: its ports (from the SDP's `a=sctp-port`, RFC 8841), the
/// size of the packets it sends, the largest message it accepts, its buffers, stream counts and
/// retransmission timeouts (RFC 9260's defaults).
///
/// Invariants (checked by `validate()`, which `SCTPAssociation.init` calls): ports are nonzero;
/// every size is within the range named beside it.
public struct SCTPConfiguration: Sendable, Equatable {
    /// The SCTP port of this end (RFC 8841 §5; 5000 when the SDP names none).
    public var localPort: UInt16
    /// The peer's SCTP port.
    public var remotePort: UInt16
    /// The largest SCTP packet sent (common header included): the path MTU usrsctp works with,
    /// fixed because path MTU discovery cannot run through DTLS. Must leave room for DTLS's
    /// record overhead within the datagram MTU. Within `packetSizeRange`.
    public var maximumPacketSize: Int
    /// The largest message delivered (RFC 8841 `a=max-message-size` we announce); bigger ones
    /// are discarded whole and counted. Within `messageSizeRange`.
    public var maximumMessageSize: Int
    /// usrsctp's send buffer in bytes: how much may wait for acknowledgement before `send`
    /// answers `.wouldBlock`. Within `bufferSizeRange`, and at least `maximumMessageSize`.
    public var sendBufferSize: Int
    /// usrsctp's receive buffer in bytes: the receive window announced to the peer. Within
    /// `bufferSizeRange`.
    public var receiveBufferSize: Int
    /// Outgoing streams asked for in INIT (the peer may grant fewer). Within `streamCountRange`.
    public var outboundStreams: Int
    /// Incoming streams accepted from the peer. Within `streamCountRange`.
    public var inboundStreams: Int
    /// The retransmission timeout before any round-trip time is measured, in milliseconds
    /// (RFC 9260 §6.3.1 RTO.Initial). Within `minimumRetransmissionTimeout...maximumRetransmissionTimeout`.
    public var initialRetransmissionTimeout: Int
    /// The floor of the retransmission timeout, in milliseconds (RTO.Min). Within
    /// `retransmissionTimeoutRange`.
    public var minimumRetransmissionTimeout: Int
    /// The ceiling of the retransmission timeout, in milliseconds (RTO.Max; also the longest
    /// wait between INIT retransmissions). Within `retransmissionTimeoutRange`, at least the
    /// minimum.
    public var maximumRetransmissionTimeout: Int

    public static let packetSizeRange: ClosedRange<Int> = 512...16_384
    public static let messageSizeRange: ClosedRange<Int> = 1...(64 << 20)
    public static let bufferSizeRange: ClosedRange<Int> = (64 << 10)...(64 << 20)
    public static let streamCountRange: ClosedRange<Int> = 1...65_535
    public static let retransmissionTimeoutRange: ClosedRange<Int> = 10...60_000

    public init(
        localPort: UInt16 = 5000,
        remotePort: UInt16 = 5000,
        maximumPacketSize: Int = 1200,
        maximumMessageSize: Int = 262_144,
        sendBufferSize: Int = 1 << 20,
        receiveBufferSize: Int = 1 << 20,
        outboundStreams: Int = 1024,
        inboundStreams: Int = 1024,
        initialRetransmissionTimeout: Int = 1_000,
        minimumRetransmissionTimeout: Int = 1_000,
        maximumRetransmissionTimeout: Int = 60_000
    ) {
        self.localPort = localPort
        self.remotePort = remotePort
        self.maximumPacketSize = maximumPacketSize
        self.maximumMessageSize = maximumMessageSize
        self.sendBufferSize = sendBufferSize
        self.receiveBufferSize = receiveBufferSize
        self.outboundStreams = outboundStreams
        self.inboundStreams = inboundStreams
        self.initialRetransmissionTimeout = initialRetransmissionTimeout
        self.minimumRetransmissionTimeout = minimumRetransmissionTimeout
        self.maximumRetransmissionTimeout = maximumRetransmissionTimeout
    }

    /// Throws the first setting outside its range.
    public func validate() throws(SCTPError) {
        if localPort == 0 { throw .invalidSetting(name: "localPort", value: 0, allowed: 1...65_535) }
        if remotePort == 0 { throw .invalidSetting(name: "remotePort", value: 0, allowed: 1...65_535) }
        try Self.check("maximumPacketSize", maximumPacketSize, Self.packetSizeRange)
        try Self.check("maximumMessageSize", maximumMessageSize, Self.messageSizeRange)
        try Self.check("sendBufferSize", sendBufferSize, Self.bufferSizeRange)
        try Self.check("sendBufferSize", sendBufferSize, maximumMessageSize...Self.bufferSizeRange.upperBound)
        try Self.check("receiveBufferSize", receiveBufferSize, Self.bufferSizeRange)
        try Self.check("outboundStreams", outboundStreams, Self.streamCountRange)
        try Self.check("inboundStreams", inboundStreams, Self.streamCountRange)
        try Self.check("minimumRetransmissionTimeout", minimumRetransmissionTimeout, Self.retransmissionTimeoutRange)
        try Self.check("maximumRetransmissionTimeout", maximumRetransmissionTimeout,
                       minimumRetransmissionTimeout...Self.retransmissionTimeoutRange.upperBound)
        try Self.check("initialRetransmissionTimeout", initialRetransmissionTimeout,
                       minimumRetransmissionTimeout...maximumRetransmissionTimeout)
    }

    private static func check(_ name: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(SCTPError) {
        guard allowed.contains(value) else { throw .invalidSetting(name: name, value: value, allowed: allowed) }
    }
}
