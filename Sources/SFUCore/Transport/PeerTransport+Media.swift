import ICE
import RTCWire
import SRTP

// The SRTP paths of a PeerTransport: decrypt in place and count what arrives; encrypt in place
// and address what the owner sends.
extension PeerTransport {
    /// Decrypts an SRTP packet in `bytes` and counts it on its stream.
    mutating func receiveRTP(_ bytes: UnsafeMutableRawBufferPointer, now: Timestamp) -> PeerTransportInput {
        guard let srtp else {
            counters.droppedBeforeKeys &+= 1
            return .consumed
        }
        guard case .ok(let length) = countFailure(srtp.unprotectRTP(bytes, length: bytes.count)) else { return .consumed }
        counters.rtpReceived &+= 1
        guard case .success(let packet) = RTPPacketView.parse(UnsafeRawBufferPointer(rebasing: bytes[..<length])) else {
            counters.droppedMalformedRTP &+= 1
            return .consumed
        }
        guard let index = stream(for: packet) else {
            counters.droppedUnknownSSRC &+= 1
            return .consumed
        }
        if streams[index].needsClockRate(of: packet.payloadType) {
            streams[index].setClockRate(clockRate(of: packet.payloadType, section: streams[index].section), of: packet.payloadType)
        }
        streams[index].count(packet, now: now.nanoseconds)
        return .rtp(section: streams[index].section, length: length, isRetransmission: streams[index].isRetransmission)
    }

    /// Decrypts an SRTCP compound packet in `bytes`, counts it, and keeps what its sender
    /// reports say about the streams received (`InboundStreamCounters.remoteSender`).
    mutating func receiveRTCP(_ bytes: UnsafeMutableRawBufferPointer, now: Timestamp) -> PeerTransportInput {
        guard let srtp else {
            counters.droppedBeforeKeys &+= 1
            return .consumed
        }
        guard case .ok(let length) = countFailure(srtp.unprotectRTCP(bytes, length: bytes.count)) else { return .consumed }
        counters.rtcpReceived &+= 1
        if !streams.isEmpty { recordSenderReports(UnsafeRawBufferPointer(rebasing: bytes[..<length]), now: now) }
        return .rtcp(length: length)
    }

    /// Runs `body` on this transport in place. Reading a transport stored in an optional array
    /// element (`slots[s]?.x`) copies the whole value, retaining every reference it holds;
    /// calling this mutating method instead goes through the element's in-place access.
    @inline(__always)
    public mutating func inPlace<Result>(_ body: (inout PeerTransport) -> Result) -> Result {
        body(&self)
    }

    /// Whether `protectRTP`/`protectRTCP` can send now: keys are in place and ICE selected a
    /// pair.
    public var isReadyToSend: Bool { srtp != nil && ice.selectedPair != nil && !isClosed }

    /// Encrypts the RTP packet in the first `length` bytes of `buffer` in place and says where
    /// to send it (the selected pair); nil, counted, when the transport has no keys or no
    /// selected pair yet, or the packet does not fit.
    public mutating func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> PeerTransmit? {
        guard let srtp, let pair = ice.selectedPair, !isClosed else {
            counters.droppedUnsendable &+= 1
            return nil
        }
        guard case .ok(let protected) = srtp.protectRTP(buffer, length: length) else {
            counters.srtpProtectFailures &+= 1
            return nil
        }
        counters.rtpSent &+= 1
        return sent(PeerTransmit(destination: pair.remote, socketIndex: Int(pair.localInterface.rawValue), byteCount: protected))
    }

    /// As `protectRTP`, for an RTCP compound packet. The feedback it carries about received
    /// streams (NACK, PLI, FIR) is counted on those streams when it goes to SRTP.
    public mutating func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> PeerTransmit? {
        guard let srtp, let pair = ice.selectedPair, !isClosed else {
            counters.droppedUnsendable &+= 1
            return nil
        }
        if !streams.isEmpty, length <= buffer.count { countFeedbackSent(UnsafeRawBufferPointer(rebasing: buffer[..<length])) }
        guard case .ok(let protected) = srtp.protectRTCP(buffer, length: length) else {
            counters.srtpProtectFailures &+= 1
            return nil
        }
        counters.rtcpSent &+= 1
        return sent(PeerTransmit(destination: pair.remote, socketIndex: Int(pair.localInterface.rawValue), byteCount: protected))
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
