public import MediaContract
public import SCTP

// The data-channel thread's values as the engine contract names them.
extension DataChannelDescription {
    /// The description the API shows of a channel with `parameters`.
    public init(_ parameters: DataChannelParameters) {
        switch parameters.reliability {
        case .reliable:
            self.init(label: parameters.label, ordered: parameters.ordered)
        case .maxRetransmits(let count):
            self.init(label: parameters.label, ordered: parameters.ordered, maxRetransmits: count)
        case .maxPacketLifeTime(let milliseconds):
            self.init(label: parameters.label, ordered: parameters.ordered, maxPacketLifeTime: milliseconds)
        }
    }
}

extension DataChannelStatistics {
    /// The stats entry of a channel as the table knows it.
    public init(_ info: DataChannelInfo) {
        let state: State
        switch info.state {
        case .connecting: state = .connecting
        case .open: state = .open
        case .closing: state = .closing
        case .closed: state = .closed
        }
        self.init(
            label: info.parameters.label, protocol: info.parameters.protocol, dataChannelIdentifier: info.id, state: state,
            messagesSent: info.messagesSent, bytesSent: info.bytesSent, messagesReceived: info.messagesReceived,
            bytesReceived: info.bytesReceived)
    }
}
