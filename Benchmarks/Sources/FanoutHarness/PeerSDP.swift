import DTLS
import RTCWire
import SDP

/// The SDP the harness's peers would exchange with the control plane, reduced to one VP8 video
/// section: the publisher's offer (`sendonly`, a signalled SSRC) and a subscriber's answer to
/// the server's subscribe offer (`recvonly`, `a=setup:active`: the subscriber is the DTLS
/// client). Both go through the project's own parser and answer readers.
enum PeerSDP {
    /// The publisher's offer for `peer`, signalling `ssrc`.
    static func publishOffer(peer: ClientPeer, fingerprint: DTLSFingerprint, ssrc: UInt32) -> String {
        lines([
            "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF \(VP8Packet.payloadType)", "c=IN IP4 0.0.0.0", "a=sendonly", "a=mid:0", "a=rtcp-mux",
            "a=rtpmap:\(VP8Packet.payloadType) VP8/\(VP8Packet.clockRate)", "a=ssrc:\(ssrc) cname:publisher",
        ] + transport(peer: peer, fingerprint: fingerprint, setup: "actpass"))
    }

    /// A subscriber's answer to a subscribe offer of one VP8 track with mid "0".
    static func subscribeAnswer(peer: ClientPeer, fingerprint: DTLSFingerprint) -> String {
        lines([
            "v=0", "o=- 2 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF \(VP8Packet.payloadType)", "c=IN IP4 0.0.0.0", "a=recvonly", "a=mid:0", "a=rtcp-mux",
            "a=rtpmap:\(VP8Packet.payloadType) VP8/\(VP8Packet.clockRate)",
        ] + transport(peer: peer, fingerprint: fingerprint, setup: "active"))
    }

    /// The subscribe offer's one track section, as the control plane would build it.
    static func subscribeSection(ssrc: UInt32) -> SubscribeSection? {
        guard let mid = Mid("0"), let payloadType = PayloadType(rawValue: VP8Packet.payloadType) else { return nil }
        let codec = NegotiatedCodec(payloadType: payloadType, role: .media, rtpmap: RTPMap(encodingName: "VP8", clockRate: VP8Packet.clockRate))
        return .track(SubscribeTrackSection(
            mid: mid, kind: .video, codecs: [codec], extensions: [], ssrc: SSRC(ssrc), cname: "publisher", streamID: "publisher",
            trackID: "video"))
    }

    private static func transport(peer: ClientPeer, fingerprint: DTLSFingerprint, setup: String) -> [String] {
        ["a=ice-ufrag:\(peer.usernameFragment)", "a=ice-pwd:\(peer.password)", "a=fingerprint:\(fingerprint.sdpValue)", "a=setup:\(setup)"]
    }

    private static func lines(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }
}
