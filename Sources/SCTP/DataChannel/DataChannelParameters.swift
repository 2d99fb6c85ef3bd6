// What a data channel is: the fields of DCEP's DATA_CHANNEL_OPEN (RFC 8832 §5.1).

/// The properties of one data channel, as a DATA_CHANNEL_OPEN carries them or as both sides
/// agreed out of band for a negotiated channel.
///
/// Invariant: `label` and `protocol` each hold at most `maximumFieldLength` bytes of UTF-8 (the
/// 16-bit length fields of DATA_CHANNEL_OPEN), so every value can be serialized.
public struct DataChannelParameters: Hashable, Sendable {
    /// The longest label or protocol, in UTF-8 bytes, that a DATA_CHANNEL_OPEN can carry.
    public static let maximumFieldLength = 65_535
    /// The priority browsers announce for an `RTCDataChannel` of the default W3C priority
    /// (`low`).
    public static let defaultPriority: UInt16 = 256

    /// The application's name for the channel (need not be unique).
    public let label: String
    /// The subprotocol the application runs over the channel; empty for none.
    public let `protocol`: String
    /// Whether messages are delivered in the order they were sent.
    public var ordered: Bool
    public var reliability: DataChannelReliability
    /// The DCEP priority field, relative to other channels.
    public var priority: UInt16

    /// Fails when `label` or `protocol` is longer than `maximumFieldLength` bytes of UTF-8.
    public init(
        label: String, protocol: String = "", ordered: Bool = true,
        reliability: DataChannelReliability = .reliable, priority: UInt16 = DataChannelParameters.defaultPriority
    ) throws(DataChannelError) {
        guard label.utf8.count <= Self.maximumFieldLength else {
            throw .labelTooLong(byteCount: label.utf8.count)
        }
        guard `protocol`.utf8.count <= Self.maximumFieldLength else {
            throw .protocolTooLong(byteCount: `protocol`.utf8.count)
        }
        self.init(uncheckedLabel: label, protocol: `protocol`, ordered: ordered, reliability: reliability,
                  priority: priority)
    }

    /// For fields already known to fit (read from 16-bit length fields).
    init(uncheckedLabel label: String, protocol: String, ordered: Bool, reliability: DataChannelReliability,
         priority: UInt16) {
        self.label = label
        self.protocol = `protocol`
        self.ordered = ordered
        self.reliability = reliability
        self.priority = priority
    }
}
