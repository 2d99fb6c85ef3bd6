public import RTCWire

/// What one outgoing stream is: a kind, the probe number receivers will see, and the RTP
/// parameters the publisher's offer announced (and the answer kept).
///
/// Invariants: `ssrc` is unique in the run; `rid` is set only for a simulcast layer of a video
/// stream; `mid` names the offer's m-section the stream belongs to.
public struct OutgoingStream: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case audio, video }

    public var kind: Kind
    public var probeStream: ProbeStreamID
    public var ssrc: SSRC
    public var payloadType: PayloadType
    /// 48,000 for Opus, 90,000 for VP8.
    public var clockRate: UInt32
    public var mid: Mid
    public var rid: Rid?
    /// This stream's share of the video bit rate (a simulcast layer's own rate); the audio
    /// profile's nominal rate for audio.
    public var bitsPerSecond: Int

    public init(kind: Kind, probeStream: ProbeStreamID, ssrc: SSRC, payloadType: PayloadType, clockRate: UInt32,
                mid: Mid, rid: Rid?, bitsPerSecond: Int) {
        self.kind = kind
        self.probeStream = probeStream
        self.ssrc = ssrc
        self.payloadType = payloadType
        self.clockRate = clockRate
        self.mid = mid
        self.rid = rid
        self.bitsPerSecond = bitsPerSecond
    }
}

/// The RTP header extension ids a publisher writes, as the answer accepted them; nil when the
/// server did not accept that extension (then the publisher does not write it).
public struct HeaderExtensionIDs: Sendable, Hashable {
    /// urn:ietf:params:rtp-hdrext:sdes:mid
    public var mid: UInt8?
    /// urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
    public var rid: UInt8?

    public init(mid: UInt8?, rid: UInt8?) {
        self.mid = mid
        self.rid = rid
    }
}

/// Everything a publishing transport sends once DTLS is up.
///
/// Invariants: `streams` is non-empty or `dataChannel` is set; `injectedLossRatio` in 0..<1 (a
/// packet dropped by it still takes an RTP sequence number, so the server sees the gap, but no
/// probe sequence number, so receivers' loss counts only what the server lost).
public struct PublishPlan: Sendable, Hashable {
    public var streams: [OutgoingStream]
    public var extensions: HeaderExtensionIDs
    public var audio: AudioProfile
    public var video: VideoProfile
    public var dataChannel: DataChannelProfile?
    /// The probe number of the data channel's messages, when `dataChannel` is set.
    public var dataChannelStream: ProbeStreamID?
    public var injectedLossRatio: Double

    public init(streams: [OutgoingStream], extensions: HeaderExtensionIDs, audio: AudioProfile, video: VideoProfile,
                dataChannel: DataChannelProfile?, dataChannelStream: ProbeStreamID?, injectedLossRatio: Double) {
        self.streams = streams
        self.extensions = extensions
        self.audio = audio
        self.video = video
        self.dataChannel = dataChannel
        self.dataChannelStream = dataChannelStream
        self.injectedLossRatio = injectedLossRatio
    }
}

/// What one transport of a simulated peer does: publish (send `PublishPlan`) or receive (count
/// every probe it gets, answer nothing but RTCP receiver reports).
public enum TransportMediaPlan: Sendable, Hashable {
    case publish(PublishPlan)
    /// `dataChannel`: the subscribe SDP negotiated an `m=application` section, so the peer
    /// opens SCTP and counts relayed messages too.
    case receive(dataChannel: Bool)
}
