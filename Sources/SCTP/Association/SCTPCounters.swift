/// One association's counters: plain integers owned by its thread, read as a snapshot.
///
/// Invariant: every value only grows. Packet counts are SCTP packets (what goes in and out
/// of DTLS); message counts are whole user messages and their payload bytes.
public struct SCTPCounters: Sendable, Equatable {
    /// Packets from the peer that passed the checks and went to usrsctp, and their bytes.
    public var packetsReceived: UInt64 = 0
    public var packetBytesReceived: UInt64 = 0
    /// Packets usrsctp produced for the peer, and their bytes.
    public var packetsSent: UInt64 = 0
    public var packetBytesSent: UInt64 = 0
    /// Whole messages delivered by `pollEvent`, and their payload bytes.
    public var messagesReceived: UInt64 = 0
    public var messageBytesReceived: UInt64 = 0
    /// Messages usrsctp accepted from `send`, and their payload bytes.
    public var messagesSent: UInt64 = 0
    public var messageBytesSent: UInt64 = 0
    /// Packets dropped before usrsctp: too short, wrong ports, bad CRC-32C, bad chunk length.
    public var malformedPackets: UInt64 = 0
    /// Messages larger than `maximumMessageSize`, discarded whole.
    public var oversizeMessages: UInt64 = 0
    /// `send` calls answered `.wouldBlock`.
    public var wouldBlockSends: UInt64 = 0
    /// Outgoing stream resets the peer denied or that failed (no event is reported for them).
    public var failedStreamResets: UInt64 = 0

    public init() {}
}
