import RTCWire

/// One datagram to send: borrowed bytes and where to.
///
/// Invariant: `bytes` stays valid until the send call that takes it returns (or, when staged
/// with `UDPSocket.stage`, until the next `flush`).
public struct OutgoingDatagram {
    public var bytes: UnsafeRawBufferPointer
    public var destination: STUNTransportAddress

    public init(bytes: UnsafeRawBufferPointer, destination: STUNTransportAddress) {
        self.bytes = bytes
        self.destination = destination
    }
}
