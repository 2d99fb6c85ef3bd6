import ICE
import RTCWire
import SRTP

// The SRTP receive path of a PeerTransport: decrypt in place, then count.
extension PeerTransport {
    /// Decrypts an SRTP packet in `bytes` and counts it on its stream.
    mutating func receiveRTP(_ bytes: UnsafeMutableRawBufferPointer, now: Timestamp) {
        guard let srtp else {
            counters.droppedBeforeKeys &+= 1
            return
        }
        guard case .ok(let length) = countFailure(srtp.unprotectRTP(bytes, length: bytes.count)) else { return }
        counters.rtpReceived &+= 1
        guard case .success(let packet) = RTPPacketView.parse(UnsafeRawBufferPointer(rebasing: bytes[..<length])) else {
            counters.droppedMalformedRTP &+= 1
            return
        }
        guard let index = stream(for: packet) else {
            counters.droppedUnknownSSRC &+= 1
            return
        }
        streams[index].count(packet, now: now.nanoseconds)
    }

    /// Decrypts an SRTCP compound packet in `bytes` and counts it.
    mutating func receiveRTCP(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let srtp else {
            counters.droppedBeforeKeys &+= 1
            return
        }
        guard case .ok = countFailure(srtp.unprotectRTCP(bytes, length: bytes.count)) else { return }
        counters.rtcpReceived &+= 1
    }

    /// Counts a failed unprotect and passes the result on.
    private mutating func countFailure(_ result: SRTPResult) -> SRTPResult {
        switch result {
        case .ok: break
        case .authenticationFailed: counters.srtpAuthenticationFailures &+= 1
        case .replayed: counters.srtpReplays &+= 1
        case .bufferTooSmall, .failed: counters.srtpOtherFailures &+= 1
        }
        return result
    }

    /// The index in `streams` of the packet's SSRC, adding a stream the first time a signalled
    /// SSRC, or one whose `sdes:mid` names an accepted section, appears.
    private mutating func stream(for packet: RTPPacketView) -> Int? {
        let ssrc = packet.ssrc
        if let index = streamIndex[ssrc] { return index }
        guard let media, streams.count < Self.maximumStreams else { return nil }
        let owner: PublishedMedia.SSRCOwner
        if let signalled = media.signalledSSRCs[ssrc] {
            owner = signalled
        } else if let id = media.midExtensionID, let element = packet.extensionElement(id: id),
                  let section = media.section(forMid: element.data) {
            owner = PublishedMedia.SSRCOwner(section: section, isRetransmission: isRetransmission(packet, section: section, media: media))
        } else {
            return nil
        }
        streams.append(InboundStreamCounters(ssrc: ssrc, section: owner.section, isRetransmission: owner.isRetransmission))
        streamIndex[ssrc] = streams.count - 1
        return streams.count - 1
    }

    /// Whether an unsignalled stream's payload type is the RTX payload type of its section.
    private func isRetransmission(_ packet: RTPPacketView, section: Int, media: PublishedMedia) -> Bool {
        media.sections[section].codecs.contains { $0.rtxPayloadType == packet.payloadType }
    }
}
