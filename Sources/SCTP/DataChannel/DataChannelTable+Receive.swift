// Incoming SCTP messages: DCEP handshakes and application messages.

extension DataChannelTable {
    /// Takes one SCTP user message the peer sent on `stream`. A DATA_CHANNEL_OPEN on a free
    /// stream of the peer's parity opens a channel (event `.opened`, ACK queued); a
    /// DATA_CHANNEL_ACK opens our waiting channel (event `.acknowledged`); an application
    /// message on a channel becomes a `.message` event (and, on our channel still waiting for
    /// its ACK, acknowledges it first). Anything else is dropped and counted in `counters`.
    public mutating func handleMessage(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool) {
        guard let payloadProtocol = DataChannelPayloadProtocol(rawValue: ppid) else {
            counters.record(.unknownPayloadProtocol)
            return
        }
        switch payloadProtocol {
        case .dcep: handleControlMessage(stream: stream, payload: payload, unordered: unordered)
        case .string: deliver(DataChannelMessage(kind: .text, payload: payload), on: stream)
        case .binary: deliver(DataChannelMessage(kind: .binary, payload: payload), on: stream)
        case .stringEmpty: deliver(DataChannelMessage(kind: .text, payload: []), on: stream)
        case .binaryEmpty: deliver(DataChannelMessage(kind: .binary, payload: []), on: stream)
        case .stringPartial, .binaryPartial: counters.record(.deprecatedPayloadProtocol)
        }
    }

    private mutating func handleControlMessage(stream: UInt16, payload: [UInt8], unordered: Bool) {
        guard !unordered else {
            counters.record(.unorderedControlMessage)
            return
        }
        let parsed = payload.withUnsafeBytes { bytes -> Result<DCEPMessage, DCEPError> in
            do throws(DCEPError) {
                return .success(try DCEPMessage(parsing: bytes))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .failure:
            counters.record(.malformedControlMessage)
            if isFree(stream) { refuse(stream) }
        case .success(.ack):
            handleAck(stream: stream)
        case .success(.open(let parameters)):
            handleOpen(stream: stream, parameters)
        }
    }

    private mutating func handleOpen(stream: UInt16, _ parameters: DataChannelParameters) {
        guard isFree(stream) else {
            counters.record(.openOnStreamInUse)
            return
        }
        guard isPeerIdentifier(stream) else {
            counters.record(.openOnInvalidStream)
            refuse(stream)
            return
        }
        guard openChannelCount < maximumChannels else {
            counters.record(.openOverChannelLimit)
            refuse(stream)
            return
        }
        records[stream] = DataChannelRecord(
            info: DataChannelInfo(id: stream, parameters: parameters, state: .open, origin: .remote),
            handshake: .notApplicable)
        outputs.push(.message(Self.controlMessage(.ack, on: stream)))
        events.push(.opened(stream))
    }

    /// An ACK is expected once on each channel we opened, also after the peer's first message
    /// stood in for it.
    private mutating func handleAck(stream: UInt16) {
        guard var record = records[stream],
              record.handshake == .awaitingAck || record.handshake == .heardFromPeer else {
            counters.record(.unexpectedAck)
            return
        }
        markOpen(&record)
        record.handshake = .acknowledged
        records[stream] = record
    }

    /// Our `.connecting` channel heard from the peer: it is open (one closed before that just
    /// stops waiting).
    private mutating func markOpen(_ record: inout DataChannelRecord) {
        guard record.info.state == .connecting else { return }
        record.info.state = .open
        events.push(.acknowledged(record.info.id))
    }

    private mutating func deliver(_ message: DataChannelMessage, on stream: UInt16) {
        guard var record = records[stream] else {
            counters.record(.messageOnUnknownStream)
            return
        }
        guard record.info.state != .closed, !record.reset.incomingReset else {
            counters.record(.messageAfterClose)
            return
        }
        if record.handshake == .awaitingAck {
            markOpen(&record)
            record.handshake = .heardFromPeer
        }
        record.info.messagesReceived &+= 1
        record.info.bytesReceived &+= UInt64(message.payload.count)
        records[stream] = record
        events.push(.message(stream, message))
    }

    /// Refuses the peer's OPEN on the free stream `id` by resetting it (RFC 8832 §6), unless
    /// `id` is one SCTP cannot have. A closed channel listed on `id` is forgotten.
    private mutating func refuse(_ id: UInt16) {
        guard id <= Self.maximumStreamIdentifier else { return }
        records[id] = nil
        refusedStreams[id] = StreamResetProgress(outgoing: .requested, incomingReset: false)
        outputs.push(.resetStreams([id]))
    }
}
