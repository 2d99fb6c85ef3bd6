// Typed values of the header extensions an SFU reads or rewrites, located by the extension ID
// negotiated for them in SDP (`a=extmap`). Each accessor returns nil (or false) when the packet
// has no element with that ID or the element's length does not fit the extension.

extension RTPPacketView {
    /// `urn:ietf:params:rtp-hdrext:sdes:mid` (RFC 8843 §15): the media section's `a=mid` as raw
    /// bytes, borrowed from the packet; nil when absent or empty.
    public func midBytes(id: UInt8) -> UnsafeRawBufferPointer? { nonEmptyData(id: id) }

    /// `urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id` (RFC 8852 §3.1): the simulcast stream's
    /// `a=rid` as raw bytes, borrowed from the packet; nil when absent or empty.
    public func ridBytes(id: UInt8) -> UnsafeRawBufferPointer? { nonEmptyData(id: id) }

    /// `http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time`: the 24-bit send time in
    /// seconds as 6.18 fixed point.
    public func absSendTime(id: UInt8) -> UInt32? {
        guard let data = extensionElement(id: id)?.data, data.count == 3 else { return nil }
        return data.u24(0)
    }

    /// `http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01`: the 16-bit
    /// transport-wide sequence number.
    public func transportSequenceNumber(id: UInt8) -> UInt16? {
        guard let data = extensionElement(id: id)?.data, data.count == 2 else { return nil }
        return data.u16(0)
    }

    /// `urn:ietf:params:rtp-hdrext:ssrc-audio-level` (RFC 6464): voice activity and level.
    public func audioLevel(id: UInt8) -> RTPAudioLevel? {
        guard let data = extensionElement(id: id)?.data, data.count == 1 else { return nil }
        return RTPAudioLevel(wireByte: data[0])
    }

    private func nonEmptyData(id: UInt8) -> UnsafeRawBufferPointer? {
        guard let data = extensionElement(id: id)?.data, !data.isEmpty else { return nil }
        return data
    }
}

extension RTPPacket {
    /// Rewrites the abs-send-time element with `id` to the low 24 bits of `value`; false when the
    /// packet has no 3-byte element with that ID.
    public func setAbsSendTime(_ value: UInt32, id: UInt8) -> Bool {
        guard let element = view.extensionElement(id: id), element.dataRange.count == 3 else { return false }
        bytes.setU24(value, at: element.dataRange.lowerBound)
        return true
    }

    /// Rewrites the transport-wide sequence number element with `id`; false when the packet has
    /// no 2-byte element with that ID.
    public func setTransportSequenceNumber(_ value: UInt16, id: UInt8) -> Bool {
        guard let element = view.extensionElement(id: id), element.dataRange.count == 2 else { return false }
        bytes.setU16(value, at: element.dataRange.lowerBound)
        return true
    }
}
