public import SCTP

/// One peer's data channels: its SCTP association and the table of channels that run over it,
/// pumped together. What the association delivers goes through the table (DCEP, PPIDs, stream
/// resets); what the table queues (DCEP OPEN/ACK, stream resets) goes to the association, and
/// waits here when the association's send buffer is full.
///
/// Sans-IO like its parts: feed `handlePacket(_:)` with each SCTP packet from the peer (after
/// DTLS), call `pump()` after `SCTPStack.handleTimers(now:)`, then drain `pollTransmit()` and
/// `pollEvent()`. Owned by the thread that owns the `SCTPStack`.
///
/// Invariants: control messages the association refused for lack of buffer are sent, in order,
/// before anything else the table queues later; events come out in the order they happened.
public struct DataChannelConnection {
    public let association: SCTPAssociation
    public private(set) var table: DataChannelTable
    private var waitingControl: [DataChannelOutput] = []
    private var events = SCTPQueue<DataChannelConnectionEvent>()

    /// A connection that will take `isDTLSClient`'s stream ids and send the peer messages of at
    /// most `remoteMaxMessageSize` bytes (0: no limit).
    public init(configuration: SCTPConfiguration, isDTLSClient: Bool, remoteMaxMessageSize: UInt64) throws(SCTPError) {
        association = try SCTPAssociation(configuration: configuration)
        table = DataChannelTable(isDTLSClient: isDTLSClient, remoteMaxMessageSize: remoteMaxMessageSize)
    }

    /// Starts the SCTP handshake (once DTLS is up).
    public mutating func connect() {
        association.connect()
        pump()
    }

    /// One SCTP packet from the peer.
    public mutating func handlePacket(_ bytes: UnsafeRawBufferPointer) {
        association.handlePacket(bytes)
        pump()
    }

    /// Whether the association leaves received messages in its buffer (back-pressure on the
    /// peer); clearing it reads what waited.
    public var isReadingPaused: Bool {
        get { association.isReadingPaused }
        set {
            association.isReadingPaused = newValue
            if !newValue {
                association.readPending()
                pump()
            }
        }
    }

    /// Whether the SCTP association is up.
    public var isEstablished: Bool { association.state == .established }

    /// Opens a channel (DCEP) with the parameters given; it is open once `channelAcknowledged`.
    public mutating func open(_ parameters: DataChannelParameters) -> Result<UInt16, DataChannelError> {
        let result = table.open(parameters)
        pump()
        return result
    }

    /// Closes channel `id` (outgoing stream reset; `channelClosed` follows once both directions
    /// are reset).
    public mutating func close(_ id: UInt16) {
        table.close(id)
        pump()
    }

    /// Sends `message` on channel `id`.
    public mutating func send(_ message: DataChannelMessage, on id: UInt16) -> DataChannelSendOutcome {
        let outbound: SCTPOutboundMessage
        switch table.outgoingMessage(message, on: id) {
        case .success(let value): outbound = value
        case .failure(let error): return .refused(error.description)
        }
        guard waitingControl.isEmpty else { return .wouldBlock }
        switch submit(outbound) {
        case .sent:
            table.didSend(outbound)
            return .sent
        case .wouldBlock:
            return .wouldBlock
        case let other:
            return .refused("\(other)")
        }
    }

    /// The next SCTP packet to send to the peer.
    public func pollTransmit() -> [UInt8]? {
        association.pollTransmit()
    }

    /// The oldest event not yet taken.
    public mutating func pollEvent() -> DataChannelConnectionEvent? {
        events.pop()
    }

    /// Moves what happened between the association and the table: association events into
    /// the table (or out as connection events), the table's control output into the
    /// association, the table's events out.
    public mutating func pump() {
        var progressed = true
        while progressed {
            progressed = false
            while let event = association.pollEvent() {
                progressed = true
                take(event)
            }
            progressed = flushControl() || progressed
            while let event = table.pollEvent() {
                progressed = true
                events.push(DataChannelConnectionEvent(event))
            }
        }
    }

    /// Closes the association (SHUTDOWN when it is up; its last packets still come out of
    /// `pollTransmit`).
    public mutating func shutDown() {
        association.close()
        pump()
    }

    private mutating func take(_ event: SCTPEvent) {
        switch event {
        case .established:
            events.push(.established)
        case .message(let message):
            table.handleMessage(stream: message.stream, ppid: message.ppid, payload: message.payload, unordered: message.unordered)
        case .incomingStreamsReset(let streams):
            table.handleIncomingStreamsReset(streams)
        case .outgoingStreamsReset(let streams):
            table.handleOutgoingStreamsReset(streams)
        case .sendBufferAvailable:
            events.push(.writable)
        case .closed:
            events.push(.ended)
        }
    }

    /// Sends the table's queued control output; true when anything went out.
    private mutating func flushControl() -> Bool {
        while let output = table.pollOutput() { waitingControl.append(output) }
        var sent = 0
        // What SCTP cannot take now stays first in line (`pump` tries again): a labelled
        // break, since a plain one would only leave the switch and drop the output.
        sending: while sent < waitingControl.count {
            switch waitingControl[sent] {
            case .message(let message):
                let result = submit(message)
                if case .wouldBlock = result { break sending }
                if case .sent = result { table.didSend(message) }
            case .resetStreams(let streams):
                if !association.resetOutgoingStreams(streams) { break sending }
            }
            sent += 1
        }
        waitingControl.removeFirst(sent)
        return sent > 0
    }

    private func submit(_ message: SCTPOutboundMessage) -> SCTPSendResult {
        let reliability: SCTPReliability
        switch message.reliability {
        case .reliable: reliability = .reliable
        case .maxRetransmits(let count): reliability = .maxRetransmits(count)
        case .maxPacketLifeTime(let milliseconds): reliability = .maxLifetime(milliseconds: milliseconds)
        }
        let options = SCTPSendOptions(unordered: message.unordered, reliability: reliability)
        return message.payload.withUnsafeBytes { association.send($0, stream: message.stream, ppid: message.ppid, options: options) }
    }
}

/// What a `DataChannelConnection` reports, in order.
public enum DataChannelConnectionEvent: Sendable, Equatable {
    /// The SCTP association is up: channels may open.
    case established
    /// The peer opened channel `id` (its parameters are in the table).
    case channelOpened(UInt16)
    /// The peer acknowledged channel `id` that we opened: it is open.
    case channelAcknowledged(UInt16)
    /// A message on channel `id`.
    case message(UInt16, DataChannelMessage)
    /// Channel `id` closed (both directions of its stream reset).
    case channelClosed(UInt16)
    /// The association's send buffer has room again.
    case writable
    /// The association ended (shut down, aborted or lost).
    case ended

    init(_ event: DataChannelEvent) {
        switch event {
        case .opened(let id): self = .channelOpened(id)
        case .acknowledged(let id): self = .channelAcknowledged(id)
        case .message(let id, let message): self = .message(id, message)
        case .closed(let id): self = .channelClosed(id)
        }
    }
}

/// What became of a message handed to `DataChannelConnection.send`.
public enum DataChannelSendOutcome: Sendable, Equatable {
    /// SCTP took it.
    case sent
    /// SCTP's send buffer is full: nothing was queued; try again after `writable`.
    case wouldBlock
    /// It cannot be sent (the reason is safe to log): unknown or closed channel, too large for
    /// the peer, association down.
    case refused(String)
}
