import Foundation

/// SDP that real peers and servers wrote, for the unit tests of `PeerSDP`.
enum CapturedSDP {
    /// Janus 1.1.2 (Debian, interop/janus configs, unloop.so) answering the Chromium 156 offer of
    /// Tests/SDPTests/Fixtures as a VideoRoom publisher: ICE-lite, session-level fingerprint,
    /// `a=setup:active`, sdes:mid as id 4, one 127.0.0.1 host candidate.
    static let janusPublishAnswer = """
v=0
o=- 947278912726756986 2 IN IP4 192.0.2.2
s=VideoRoom 4242
t=0 0
a=group:BUNDLE 0 1 2
a=ice-options:trickle
a=fingerprint:sha-256 5D:17:FD:62:23:FB:45:D4:11:BD:A8:74:B5:D8:A8:70:76:78:58:D3:7A:3A:08:E5:9C:15:15:A1:DF:E4:DF:12
a=extmap-allow-mixed
a=msid-semantic: WMS *
a=ice-lite
m=audio 9 UDP/TLS/RTP/SAVPF 111
c=IN IP4 192.0.2.2
a=recvonly
a=mid:0
a=rtcp-mux
a=ice-ufrag:e2M3
a=ice-pwd:CYpYAZVvfnT9YRgluQORZh
a=ice-options:trickle
a=setup:active
a=rtpmap:111 opus/48000/2
a=fmtp:111 useinbandfec=1
a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
a=msid:janus janus0
a=ssrc:3161588027 cname:janus
a=candidate:1 1 udp 2015363583 127.0.0.1 20992 typ host
a=end-of-candidates
m=video 9 UDP/TLS/RTP/SAVPF 96 97
c=IN IP4 192.0.2.2
a=recvonly
a=mid:1
a=rtcp-mux
a=ice-ufrag:e2M3
a=ice-pwd:CYpYAZVvfnT9YRgluQORZh
a=ice-options:trickle
a=setup:active
a=rtpmap:96 VP8/90000
a=rtcp-fb:96 ccm fir
a=rtcp-fb:96 nack
a=rtcp-fb:96 nack pli
a=rtcp-fb:96 goog-remb
a=rtcp-fb:96 transport-cc
a=extmap:13 urn:3gpp:video-orientation
a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
a=rtpmap:97 rtx/90000
a=fmtp:97 apt=96
a=msid:janus janus1
a=ssrc:3929186148 cname:janus
a=candidate:1 1 udp 2015363583 127.0.0.1 20992 typ host
a=end-of-candidates
m=application 9 UDP/DTLS/SCTP webrtc-datachannel
c=IN IP4 192.0.2.2
a=sendrecv
a=mid:2
a=sctp-port:5000
a=ice-ufrag:e2M3
a=ice-pwd:CYpYAZVvfnT9YRgluQORZh
a=ice-options:trickle
a=setup:active
a=candidate:1 1 udp 2015363583 127.0.0.1 20992 typ host
a=end-of-candidates
"""

    /// Janus 1.1.2's subscriber offer for one aiortc publisher (Opus + VP8 with RTX), captured
    /// the same way.
    static let janusSubscribeOffer = """
v=0
o=- 1795310637749942 1 IN IP4 192.0.2.2
s=VideoRoom 4243
t=0 0
a=group:BUNDLE 0 1
a=ice-options:trickle
a=fingerprint:sha-256 5D:17:FD:62:23:FB:45:D4:11:BD:A8:74:B5:D8:A8:70:76:78:58:D3:7A:3A:08:E5:9C:15:15:A1:DF:E4:DF:12
a=extmap-allow-mixed
a=msid-semantic: WMS *
a=ice-lite
m=audio 9 UDP/TLS/RTP/SAVPF 111
c=IN IP4 192.0.2.2
a=sendonly
a=mid:0
a=rtcp-mux
a=ice-ufrag:tWrF
a=ice-pwd:KFokffiD2v2oqxY9H0jCdE
a=ice-options:trickle
a=setup:actpass
a=rtpmap:111 opus/48000/2
a=rtcp-fb:111 transport-cc
a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
a=msid:janus janus0
a=ssrc:2333302305 cname:janus
a=candidate:1 1 udp 2015363583 127.0.0.1 20932 typ host
a=end-of-candidates
m=video 9 UDP/TLS/RTP/SAVPF 96 97
c=IN IP4 192.0.2.2
a=sendonly
a=mid:1
a=rtcp-mux
a=ice-ufrag:tWrF
a=ice-pwd:KFokffiD2v2oqxY9H0jCdE
a=ice-options:trickle
a=setup:actpass
a=rtpmap:96 VP8/90000
a=rtcp-fb:96 ccm fir
a=rtcp-fb:96 nack
a=rtcp-fb:96 nack pli
a=rtcp-fb:96 goog-remb
a=rtcp-fb:96 transport-cc
a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
a=rtpmap:97 rtx/90000
a=fmtp:97 apt=96
a=ssrc-group:FID 1223525281 610083948
a=msid:janus janus1
a=ssrc:1223525281 cname:janus
a=ssrc:610083948 cname:janus
a=candidate:1 1 udp 2015363583 127.0.0.1 20932 typ host
a=end-of-candidates
"""

    /// A fixture of Tests/SDPTests/Fixtures (real offers of Chromium 156 and aiortc 1.16),
    /// without its leading comment lines.
    static func sdpTestsFixture(_ name: String) throws -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SDPTests/Fixtures")
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
    }
}
