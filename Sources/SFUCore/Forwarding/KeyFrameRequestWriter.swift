public import RTCWire

/// The two RTCP messages that ask a media sender for a key frame.
public enum KeyFrameRequestKind: Hashable, Sendable {
    /// Picture loss indication (RFC 4585 §6.3.1), negotiated by `a=rtcp-fb:<pt> nack pli`.
    case pictureLossIndication
    /// Full intra request (RFC 5104 §4.3.1), negotiated by `a=rtcp-fb:<pt> ccm fir`.
    case fullIntraRequest
}

/// Writes the key frame requests the SFU sends for one publisher media stream, and keeps the FIR
/// command sequence number of that stream.
///
/// Invariant: every FIR written carries the sequence number after the previous one's (modulo
/// 256, starting at 0), as RFC 5104 §4.3.1.2 asks for each new request; a write that does not
/// fit leaves the number unchanged. Writes allocate nothing.
public struct KeyFrameRequestWriter: Hashable, Sendable {
    /// The SSRC the SFU sends RTCP with on the publisher's transport.
    public let senderSSRC: SSRC
    /// The publisher's media SSRC the requests are for.
    public let mediaSSRC: SSRC
    /// The sequence number the next FIR will carry.
    public private(set) var nextFullIntraRequestSequence: UInt8 = 0

    public init(senderSSRC: SSRC, mediaSSRC: SSRC) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
    }

    /// Writes a request of `kind` into the start of `buffer`; returns its length (12 bytes for a
    /// PLI, 20 for a FIR), or nil when it does not fit.
    public mutating func write(_ kind: KeyFrameRequestKind, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        switch kind {
        case .pictureLossIndication:
            return PictureLossIndication.write(into: buffer, senderSSRC: senderSSRC, mediaSSRC: mediaSSRC)
        case .fullIntraRequest:
            let entry = FullIntraRequest.Entry(ssrc: mediaSSRC, sequenceNumber: nextFullIntraRequestSequence)
            guard let written = FullIntraRequest.write(into: buffer, senderSSRC: senderSSRC, entry: entry) else {
                return nil
            }
            nextFullIntraRequestSequence &+= 1
            return written
        }
    }
}
