/// One RTP packet a synthetic source wants sent now: how long its payload is (the probe
/// trailer included), its marker bit and its RTP timestamp. The sender fills the payload
/// (`AudioPayload`, `VideoFrame.writePayload`) and writes the `ProbeTrailer` at its end.
///
/// Invariant: `payloadLength ≥ ProbeTrailer.byteCount`.
public struct MediaPacket: Sendable, Hashable {
    public let payloadLength: Int
    public let marker: Bool
    public let rtpTimestamp: UInt32

    public init(payloadLength: Int, marker: Bool, rtpTimestamp: UInt32) {
        self.payloadLength = payloadLength
        self.marker = marker
        self.rtpTimestamp = rtpTimestamp
    }
}
