// DCEP messages captured from a real peer, kept as test vectors.

/// Bytes aiortc 1.16.0 (the project's .venv) put on the wire. Captured by connecting two aiortc
/// RTCPeerConnections in one process and logging every SCTP user message with PPID 50 that
/// `RTCSctpTransport._send` was given. The offerer, as DTLS server, opened `chat` (defaults)
/// and `telemetry` (`ordered=False, maxRetransmits=3, protocol="json"`) on streams 1 and 3;
/// the answerer acknowledged both. aiortc writes priority 0 (browsers write 256).
enum DCEPTestVectors {
    /// DATA_CHANNEL_OPEN for `chat`: reliable, ordered, priority 0, no protocol.
    static let aiortcOpenChat: [UInt8] = [
        0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
        0x63, 0x68, 0x61, 0x74,
    ]
    /// DATA_CHANNEL_OPEN for `telemetry`: unordered, 3 retransmissions, protocol `json`.
    static let aiortcOpenTelemetry: [UInt8] = [
        0x03, 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x09, 0x00, 0x04,
        0x74, 0x65, 0x6C, 0x65, 0x6D, 0x65, 0x74, 0x72, 0x79, 0x6A, 0x73, 0x6F, 0x6E,
    ]
    /// DATA_CHANNEL_ACK, as the answerer sent it on both streams.
    static let aiortcAck: [UInt8] = [0x02]
}
