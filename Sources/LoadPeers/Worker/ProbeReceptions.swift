import LoadModel
import RTCWire

/// What one receiving transport got of each probe stream: one `StreamReception` per stream
/// seen, found by a linear search (a transport receives a handful of streams).
///
/// Invariants: at most one reception per stream; the array grows only when a new stream
/// appears, so recording a packet of a known stream allocates nothing.
struct ProbeReceptions {
    private(set) var streams: [StreamReception] = []

    /// Reads the probe at the end of the RTP packet's payload and records it; false when the
    /// packet does not parse or its payload carries no probe.
    mutating func record(rtpPacket bytes: UnsafeRawBufferPointer, receivedAt: Int64, delays: inout DelayHistogram) -> Bool {
        guard case .success(let packet) = RTPPacketView.parse(bytes),
              let probe = ProbeTrailer(atEndOf: packet.payload)
        else { return false }
        for index in streams.indices where streams[index].stream == probe.stream {
            streams[index].record(probe, receivedAt: receivedAt, delays: &delays)
            return true
        }
        var reception = StreamReception(stream: probe.stream)
        reception.record(probe, receivedAt: receivedAt, delays: &delays)
        streams.append(reception)
        return true
    }
}
