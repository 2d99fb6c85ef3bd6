// The data channels of one SCTP association (RFC 8831, RFC 8832), sans-IO.

/// The data channels of one SCTP association: DCEP handshakes, message framing and counting,
/// and closing by stream reset. It never touches SCTP: the caller feeds it what SCTP delivered
/// (`handleMessage`, `handleIncomingStreamsReset`, `handleOutgoingStreamsReset`), hands what
/// `pollOutput()` returns to SCTP, and reads `pollEvent()`. Both queues should be drained after
/// every call.
///
/// Invariants:
/// - Channels we open with DCEP use even stream ids when we are the DTLS client and odd ones
///   when we are the DTLS server (RFC 8832 §6); the peer's OPENs must use the other parity.
///   Stream id 65535 is never used (SCTP negotiates at most 65535 streams, 0-65534).
/// - A stream id is free when it has no channel or only a `.closed` one. An id becomes free
///   only once both directions of its stream are reset, so it can be reused then and not
///   before. A closed channel stays listed, with its final counters, until its id is reused.
/// - At most `maximumChannels` channels are not `.closed` at once.
/// - Incoming trouble is never thrown: each dropped message is counted in `counters` by cause.
/// - An OPEN the table refuses on a free stream (malformed, wrong parity, over the limit) is
///   answered by resetting that stream, which tells the peer the channel failed (RFC 8832 §6);
///   the id stays taken until both directions are reset. An OPEN on a stream in use is only
///   dropped: resetting it would close the channel that uses it.
public struct DataChannelTable: Sendable {
    /// The highest stream id a channel may use: SCTP negotiates at most 65535 streams.
    public static let maximumStreamIdentifier: UInt16 = 65534

    /// Whether we are the DTLS client of the transport (and so open even stream ids).
    public let isDTLSClient: Bool
    /// The peer's `a=max-message-size` (RFC 8841): the largest message we may send; 0 means
    /// no limit.
    public let remoteMaxMessageSize: UInt64
    /// How many channels that are not `.closed` the table holds at most (ours, the peer's and
    /// negotiated ones together).
    public let maximumChannels: Int
    /// Incoming messages dropped, by cause.
    public internal(set) var counters = DataChannelDropCounters()

    var records: [UInt16: DataChannelRecord] = [:]
    /// Streams we reset to refuse the peer's OPEN, until both directions are reset.
    var refusedStreams: [UInt16: StreamResetProgress] = [:]
    var outputs = SCTPQueue<DataChannelOutput>()
    var events = SCTPQueue<DataChannelEvent>()

    public init(isDTLSClient: Bool, remoteMaxMessageSize: UInt64, maximumChannels: Int = 1024) {
        self.isDTLSClient = isDTLSClient
        self.remoteMaxMessageSize = remoteMaxMessageSize
        self.maximumChannels = maximumChannels
    }

    /// Opens a channel with DCEP on the lowest free stream id of our parity and queues its
    /// DATA_CHANNEL_OPEN. The channel is `.connecting` until the peer acknowledges it or sends
    /// on it (event `.acknowledged`); it may carry messages before that.
    public mutating func open(_ parameters: DataChannelParameters) -> Result<UInt16, DataChannelError> {
        guard openChannelCount < maximumChannels else { return .failure(.tooManyChannels(limit: maximumChannels)) }
        guard let id = lowestFreeLocalIdentifier() else { return .failure(.noFreeStreamIdentifier) }
        records[id] = DataChannelRecord(
            info: DataChannelInfo(id: id, parameters: parameters, state: .connecting, origin: .local),
            handshake: .awaitingAck)
        outputs.push(.message(Self.controlMessage(.open(parameters), on: id)))
        return .success(id)
    }

    /// Opens a channel both sides agreed on out of band (W3C `negotiated: true`): no DCEP, open
    /// at once, on `id` of either parity.
    public mutating func openNegotiated(id: UInt16, _ parameters: DataChannelParameters) -> Result<Void, DataChannelError> {
        guard id <= Self.maximumStreamIdentifier else { return .failure(.reservedStreamIdentifier) }
        guard isFree(id) else { return .failure(.streamInUse(id)) }
        guard openChannelCount < maximumChannels else { return .failure(.tooManyChannels(limit: maximumChannels)) }
        records[id] = DataChannelRecord(
            info: DataChannelInfo(id: id, parameters: parameters, state: .open, origin: .negotiated),
            handshake: .notApplicable)
        return .success(())
    }

    /// Starts closing a channel: queues the reset of our outgoing stream; the channel is
    /// `.closing` until the peer's direction is reset too. Does nothing for an unknown channel
    /// or one already closing or closed.
    public mutating func close(_ id: UInt16) {
        guard var record = records[id], record.info.state == .connecting || record.info.state == .open else { return }
        record.info.state = .closing
        record.reset.outgoing = .requested
        records[id] = record
        outputs.push(.resetStreams([id]))
    }

    /// The SCTP message that carries `message` on channel `id`, with the channel's send
    /// options. Nothing is counted until `didSend` says SCTP accepted it. Until a channel we
    /// opened is acknowledged, its messages go out ordered whatever the channel's ordering
    /// (RFC 8832 §6).
    public func outgoingMessage(
        _ message: DataChannelMessage, on id: UInt16
    ) -> Result<SCTPOutboundMessage, DataChannelSendError> {
        guard let record = records[id] else { return .failure(.unknownChannel) }
        switch record.info.state {
        case .connecting, .open: break
        case .closing: return .failure(.closing)
        case .closed: return .failure(.notOpen)
        }
        if remoteMaxMessageSize != 0, UInt64(message.payload.count) > remoteMaxMessageSize {
            return .failure(.tooLarge(size: message.payload.count, limit: remoteMaxMessageSize))
        }
        let payloadProtocol: DataChannelPayloadProtocol
        switch (message.kind, message.payload.isEmpty) {
        case (.text, false): payloadProtocol = .string
        case (.text, true): payloadProtocol = .stringEmpty
        case (.binary, false): payloadProtocol = .binary
        case (.binary, true): payloadProtocol = .binaryEmpty
        }
        let parameters = record.info.parameters
        return .success(SCTPOutboundMessage(
            stream: id, ppid: payloadProtocol.rawValue,
            payload: message.payload.isEmpty ? [0] : message.payload,
            unordered: !parameters.ordered && record.handshake != .awaitingAck,
            reliability: parameters.reliability))
    }

    /// Counts a message from `outgoingMessage` that SCTP accepted (a DCEP message or one for a
    /// channel the table no longer has is not counted).
    public mutating func didSend(_ message: SCTPOutboundMessage) {
        guard var record = records[message.stream] else { return }
        switch DataChannelPayloadProtocol(rawValue: message.ppid) {
        case .string, .binary:
            record.info.bytesSent &+= UInt64(message.payload.count)
        case .stringEmpty, .binaryEmpty:
            break
        case .dcep, .stringPartial, .binaryPartial, nil:
            return
        }
        record.info.messagesSent &+= 1
        records[message.stream] = record
    }

    /// The next thing to hand to SCTP, oldest first.
    public mutating func pollOutput() -> DataChannelOutput? { outputs.pop() }

    /// The next event for the application, oldest first.
    public mutating func pollEvent() -> DataChannelEvent? { events.pop() }

    /// The channel on stream `id`, closed ones included until the id is reused.
    public func channel(_ id: UInt16) -> DataChannelInfo? { records[id]?.info }

    /// Every channel, by ascending id, closed ones included until their id is reused.
    public var channels: [DataChannelInfo] {
        records.values.map(\.info).sorted { $0.id < $1.id }
    }

    // MARK: Stream ids

    /// Channels that are not `.closed`.
    var openChannelCount: Int {
        records.values.count(where: { $0.info.state != .closed })
    }

    /// True when no channel uses `id` (a `.closed` one has released it) and no refusal is
    /// resetting it.
    func isFree(_ id: UInt16) -> Bool {
        guard refusedStreams[id] == nil else { return false }
        guard let record = records[id] else { return true }
        return record.info.state == .closed
    }

    /// Whether the DCEP rules let the peer open a channel on `id` (RFC 8832 §6).
    func isPeerIdentifier(_ id: UInt16) -> Bool {
        id <= Self.maximumStreamIdentifier && (id % 2 == 0) != isDTLSClient
    }

    private func lowestFreeLocalIdentifier() -> UInt16? {
        var candidate = isDTLSClient ? 0 : 1
        while candidate <= Int(Self.maximumStreamIdentifier) {
            let id = UInt16(candidate)
            if isFree(id) { return id }
            candidate += 2
        }
        return nil
    }

    /// A DCEP message on stream `id`: ordered and reliable, as RFC 8832 §6 requires.
    static func controlMessage(_ message: DCEPMessage, on id: UInt16) -> SCTPOutboundMessage {
        SCTPOutboundMessage(stream: id, ppid: DataChannelPayloadProtocol.dcep.rawValue,
                            payload: message.serialized(), unordered: false, reliability: .reliable)
    }
}
