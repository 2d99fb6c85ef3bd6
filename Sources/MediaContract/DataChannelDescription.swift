/// A data channel as the API shows it in a participant's `dataChannels` list: one channel the
/// participant opened on its publish transport (and the server relays to the others).
///
/// Invariants: at most one of `maxRetransmits` and `maxPacketLifeTime` is set (neither: a
/// reliable channel); `label` is the sender's label, at most 65,535 bytes of UTF-8.
public struct DataChannelDescription: Hashable, Sendable {
    public var label: String
    public var ordered: Bool
    /// Partial reliability by retransmissions (RFC 8832 `DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT`).
    public var maxRetransmits: UInt32?
    /// Partial reliability by lifetime in milliseconds (`DATA_CHANNEL_PARTIAL_RELIABLE_TIMED`).
    public var maxPacketLifeTime: UInt32?

    public init(label: String, ordered: Bool, maxRetransmits: UInt32? = nil, maxPacketLifeTime: UInt32? = nil) {
        self.label = label
        self.ordered = ordered
        self.maxRetransmits = maxRetransmits
        self.maxPacketLifeTime = maxPacketLifeTime
    }
}
