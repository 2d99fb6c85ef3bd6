public import MediaContract

/// A transport's data channels as webrtc-stats `data-channel` dictionaries (W3C
/// `RTCDataChannelStats`), for the stats endpoints: `label`, `protocol`,
/// `dataChannelIdentifier`, `state`, `messagesSent`, `bytesSent`, `messagesReceived`,
/// `bytesReceived`, with `id`, `type`, `timestamp` and `transportRole`.
///
/// Invariant: ids are `DC_<role>_<stream id>`, unique within one participant's report (a
/// transport's channels have distinct SCTP stream ids, and the role tells the two transports
/// apart).
public enum DataChannelStatsEntries {
    /// One entry per channel of the participant's transport `role`, stamped `timestamp` (Unix
    /// milliseconds).
    public static func entries(_ channels: [DataChannelStatistics], role: TransportRole, timestamp: Int64) -> [JSONValue] {
        channels.map { channel in
            .object([
                "id": .string("DC_\(role.rawValue)_\(channel.dataChannelIdentifier)"),
                "type": .string("data-channel"),
                "timestamp": .integer(timestamp),
                "transportRole": .string(role.rawValue),
                "label": .string(channel.label),
                "protocol": .string(channel.protocol),
                "dataChannelIdentifier": .integer(Int64(channel.dataChannelIdentifier)),
                "state": .string(channel.state.rawValue),
                "messagesSent": .integer(Int64(clamping: channel.messagesSent)),
                "bytesSent": .integer(Int64(clamping: channel.bytesSent)),
                "messagesReceived": .integer(Int64(clamping: channel.messagesReceived)),
                "bytesReceived": .integer(Int64(clamping: channel.bytesReceived)),
            ])
        }
    }
}
