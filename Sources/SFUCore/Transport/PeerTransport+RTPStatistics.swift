import ICE
import RTCWire

// The RTCP side of a PeerTransport's received-stream stats: the sender reports the peer sends
// about its streams, and the feedback the server sends it about them. Walks the compound in
// place; allocates nothing, and stops at the first malformed packet (those before it count).
extension PeerTransport {
    /// The clock rate of `payloadType` in `section`: its codec's, or for an RTX payload type
    /// the codec it repairs; 0 when the section has no such payload type.
    func clockRate(of payloadType: PayloadType, section: Int) -> UInt32 {
        guard let media, media.sections.indices.contains(section) else { return 0 }
        for codec in media.sections[section].codecs where codec.payloadType == payloadType || codec.rtxPayloadType == payloadType {
            return codec.rtpmap.clockRate
        }
        return 0
    }

    /// Keeps each sender report of `compound` whose sender is a stream received here.
    mutating func recordSenderReports(_ compound: UnsafeRawBufferPointer, now: Timestamp) {
        for result in RTCPCompoundPacket(compound) {
            guard case .success(let packet) = result else { return }
            if case .senderReport(let report) = packet, let index = streamIndex[report.senderSSRC] {
                streams[index].recordSenderReport(report, now: now.nanoseconds)
            }
        }
    }

    /// Counts the NACK, PLI and FIR messages of `compound` (about to be sent) on the received
    /// streams they name.
    mutating func countFeedbackSent(_ compound: UnsafeRawBufferPointer) {
        for result in RTCPCompoundPacket(compound) {
            guard case .success(let packet) = result else { return }
            switch packet {
            case .pictureLossIndication(let pli):
                if let index = streamIndex[pli.mediaSSRC] { streams[index].pliCount &+= 1 }
            case .fullIntraRequest(let fir):
                for entry in fir.entries {
                    if let index = streamIndex[entry.ssrc] { streams[index].firCount &+= 1 }
                }
            case .genericNack(let nack):
                if let index = streamIndex[nack.mediaSSRC] { streams[index].nackCount &+= 1 }
            default:
                continue
            }
        }
    }
}
