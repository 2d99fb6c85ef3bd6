// Two data channel tables wired back to back, standing in for the two ends of one SCTP
// association: what one side outputs is what the other receives.

import SCTP
import Testing

/// The DTLS client's table and the DTLS server's, with the events each has produced.
struct DataChannelPair {
    enum Side { case client, server }

    var client: DataChannelTable
    var server: DataChannelTable
    var clientEvents: [DataChannelEvent] = []
    var serverEvents: [DataChannelEvent] = []

    init(clientMaxMessageSize: UInt64 = 0, serverMaxMessageSize: UInt64 = 0,
         clientChannelLimit: Int = 1024, serverChannelLimit: Int = 1024) {
        client = DataChannelTable(isDTLSClient: true, remoteMaxMessageSize: serverMaxMessageSize,
                                  maximumChannels: clientChannelLimit)
        server = DataChannelTable(isDTLSClient: false, remoteMaxMessageSize: clientMaxMessageSize,
                                  maximumChannels: serverChannelLimit)
    }

    static func other(_ side: Side) -> Side { side == .client ? .server : .client }

    subscript(side: Side) -> DataChannelTable {
        get { side == .client ? client : server }
        set {
            if side == .client { client = newValue } else { server = newValue }
        }
    }

    /// The outputs `side` has queued, taken without delivering them.
    mutating func takeOutputs(_ side: Side) -> [DataChannelOutput] {
        var outputs: [DataChannelOutput] = []
        while let output = self[side].pollOutput() { outputs.append(output) }
        return outputs
    }

    /// Moves the events both tables produced into `clientEvents` and `serverEvents`.
    mutating func collectEvents() {
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
    }

    /// Carries one output of `side` across as SCTP would: a message reaches the other side
    /// (and counts as sent); a reset reaches the other side as an incoming reset, then
    /// completes for the sender.
    mutating func carry(_ output: DataChannelOutput, from side: Side) {
        switch output {
        case .message(let message):
            self[side].didSend(message)
            self[Self.other(side)].handleMessage(stream: message.stream, ppid: message.ppid, payload: message.payload,
                                                 unordered: message.unordered)
        case .resetStreams(let streams):
            self[Self.other(side)].handleIncomingStreamsReset(streams)
            self[side].handleOutgoingStreamsReset(streams)
        }
        collectEvents()
    }

    /// Carries outputs both ways until neither side has any; bounded so that a table that
    /// kept answering forever fails the test instead of hanging it.
    mutating func pump() {
        for _ in 0..<1000 {
            let clientOutputs = takeOutputs(.client)
            let serverOutputs = takeOutputs(.server)
            if clientOutputs.isEmpty && serverOutputs.isEmpty {
                collectEvents()
                return
            }
            for output in clientOutputs { carry(output, from: .client) }
            for output in serverOutputs { carry(output, from: .server) }
        }
        Issue.record("the tables kept producing outputs")
    }

    /// Sends `message` on channel `id` from `side` and delivers it to the other side at once.
    @discardableResult
    mutating func send(
        _ message: DataChannelMessage, on id: UInt16, from side: Side
    ) -> Result<SCTPOutboundMessage, DataChannelSendError> {
        let result = self[side].outgoingMessage(message, on: id)
        if case .success(let outbound) = result { carry(.message(outbound), from: side) }
        return result
    }

    /// Opens a channel with DCEP from `side` and carries the handshake through.
    mutating func openChannel(from side: Side, _ parameters: DataChannelParameters) throws -> UInt16 {
        let id = try self[side].open(parameters).get()
        pump()
        return id
    }
}

/// Short spellings for the tests.
func textMessage(_ string: String) -> DataChannelMessage {
    DataChannelMessage(kind: .text, payload: Array(string.utf8))
}

func binaryMessage(_ bytes: [UInt8]) -> DataChannelMessage {
    DataChannelMessage(kind: .binary, payload: bytes)
}

func channelParameters(_ label: String, protocol: String = "", ordered: Bool = true,
                       reliability: DataChannelReliability = .reliable, priority: UInt16 = 256) throws -> DataChannelParameters {
    try DataChannelParameters(label: label, protocol: `protocol`, ordered: ordered, reliability: reliability,
                              priority: priority)
}
