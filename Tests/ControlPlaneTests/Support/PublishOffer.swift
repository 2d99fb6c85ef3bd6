/// A browser-like publish offer (sendonly Opus and VP8 with RTX, BUNDLE, rtcp-mux, DTLS
/// actpass), written for these tests. Lines are joined with CRLF, as browsers send them.
enum PublishOffer {
    static let clientUfrag = "Pb7x"
    static let clientPwd = "r3kLq9XwZ2mN5vB8cD1fG4hJ"
    static let clientFingerprint =
        "sha-256 0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0"

    static var lines: [String] {
        [
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=msid-semantic: WMS cam",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:\(clientUfrag)",
            "a=ice-pwd:\(clientPwd)",
            "a=ice-options:trickle",
            "a=fingerprint:\(clientFingerprint)",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendonly",
            "a=msid:cam mic-track",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=ssrc:11111111 cname:tester",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:\(clientUfrag)",
            "a=ice-pwd:\(clientPwd)",
            "a=ice-options:trickle",
            "a=fingerprint:\(clientFingerprint)",
            "a=setup:actpass",
            "a=mid:1",
            "a=sendonly",
            "a=msid:cam cam-track",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=ssrc-group:FID 22222222 33333333",
            "a=ssrc:22222222 cname:tester",
            "a=ssrc:33333333 cname:tester",
        ]
    }

    static var text: String { joined(lines) }

    static func joined(_ lines: [String]) -> String {
        lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// Browser-like publish offers with a data section (`m=application … webrtc-datachannel`), in
/// the style of ``PublishOffer``: the publisher's `a=max-message-size` is Firefox's 1073741823,
/// so tests can tell it from the server's 262144.
enum DataPublishOffer {
    static let maxMessageSize: UInt64 = 1_073_741_823

    /// The data section with `mid`.
    static func dataSection(mid: String) -> [String] {
        [
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:\(PublishOffer.clientUfrag)",
            "a=ice-pwd:\(PublishOffer.clientPwd)",
            "a=ice-options:trickle",
            "a=fingerprint:\(PublishOffer.clientFingerprint)",
            "a=setup:actpass",
            "a=mid:\(mid)",
            "a=sctp-port:5000",
            "a=max-message-size:\(maxMessageSize)",
        ]
    }

    /// Only the data section (mid 0): a client that sends data and no media.
    static var dataOnly: String {
        PublishOffer.joined(["v=0", "o=- 4611731400430051337 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0"] + dataSection(mid: "0"))
    }

    /// ``PublishOffer``'s audio section (mid 0), then the data section (mid 1).
    static var audioAndData: String {
        // PublishOffer's session lines and audio section are its first 20 lines; its BUNDLE names 0 and 1.
        PublishOffer.joined(Array(PublishOffer.lines.prefix(20)) + dataSection(mid: "1"))
    }
}
