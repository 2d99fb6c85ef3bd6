// SCTP payload protocol identifiers of WebRTC data channels (RFC 8831, RFC 8832 §8.1).

/// What an SCTP user message on a data channel stream carries, told by its PPID.
///
/// Invariant: the raw values are the IANA-assigned PPIDs. The two partial PPIDs (52, 54) are
/// deprecated: they are only recognised so that a table can refuse and count them.
public enum DataChannelPayloadProtocol: UInt32, Hashable, Sendable {
    /// A DCEP message (`DCEPMessage`).
    case dcep = 50
    /// A text message: its payload is UTF-8.
    case string = 51
    /// Deprecated: part of a text message split by the sender.
    case stringPartial = 52
    /// A binary message.
    case binary = 53
    /// Deprecated: part of a binary message split by the sender.
    case binaryPartial = 54
    /// An empty text message; the payload is one byte, to be ignored (SCTP cannot send zero).
    case stringEmpty = 56
    /// An empty binary message; the payload is one byte, to be ignored.
    case binaryEmpty = 57
}
