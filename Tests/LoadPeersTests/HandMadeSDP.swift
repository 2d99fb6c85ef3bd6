import ICE
import LoadModel
import RTCWire
import SDP

/// The SDP a simulated peer would write and read, made by hand for these tests only (the
/// harness's own SDP code lives in LoadSignalling): one audio and one video sendonly section
/// for publishing, the mirror answer (every section `recvonly`) for subscribing.
enum HandMadeSDP {
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A publish offer for `streams` (each its own section, in order) from `local`.
    static func publishOffer(local: LocalTransportDescription, streams: [OutgoingStream]) -> String {
        var lines = ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                     "a=group:BUNDLE " + streams.map(\.mid.value).joined(separator: " "), "a=msid-semantic: WMS load"]
        for stream in streams {
            let pt = stream.payloadType.rawValue
            let kind = stream.kind == .audio ? "audio" : "video"
            lines += ["m=\(kind) 9 UDP/TLS/RTP/SAVPF \(pt)", "c=IN IP4 0.0.0.0", "a=mid:\(stream.mid.value)", "a=sendonly",
                      "a=rtcp-mux", "a=extmap:1 \(HeaderExtensionURI.mid)"]
            lines.append(stream.kind == .audio ? "a=rtpmap:\(pt) opus/48000/2" : "a=rtpmap:\(pt) VP8/90000")
            if stream.kind == .video { lines += ["a=rtcp-fb:\(pt) nack pli", "a=rtcp-fb:\(pt) ccm fir"] }
            lines += ["a=ssrc:\(stream.ssrc.rawValue) cname:load", "a=msid:load load-\(kind)"]
            lines += transportLines(local, setup: "actpass")
        }
        return (lines + [""]).joined(separator: "\r\n")
    }

    /// The server's side of a publish answer, and the header extension ids it kept.
    static func readPublishAnswer(_ text: String) throws -> (remote: RemoteTransportDescription, extensions: HeaderExtensionIDs) {
        let answer = try parse(text)
        guard let media = answer.media.first(where: { $0.port != 0 }) else { throw Problem("the answer accepts no section") }
        let remote = try remoteDescription(answer, media: media)
        return (remote, HeaderExtensionIDs(mid: media.extensions.first { $0.uri == HeaderExtensionURI.mid }?.id, rid: nil))
    }

    /// The answer to the server's subscribe offer from `local` (receiving every offered audio
    /// and video section, DTLS client), and the server's side as the offer describes it.
    static func answerSubscribeOffer(_ text: String, local: LocalTransportDescription) throws
        -> (answer: String, remote: RemoteTransportDescription)
    {
        let offer = try parse(text)
        guard let tagged = offer.media.first(where: { $0.port != 0 }) else { throw Problem("the offer has no section") }
        var remote = try remoteDescription(offer, media: tagged)
        remote.localDTLSRole = .client
        var answer = offer
        answer.attributes.iceLite = false
        answer.attributes.transport = TransportAttributes()
        for index in answer.media.indices {
            answer.media[index].transport = TransportAttributes(
                iceUfrag: local.credentials.usernameFragment, icePwd: local.credentials.password,
                fingerprints: [local.fingerprint], setup: .active)
            answer.media[index].candidates = [candidate(local)]
            answer.media[index].endOfCandidates = true
            answer.media[index].ssrcAttributes = []
            answer.media[index].ssrcGroups = []
            answer.media[index].msids = []
            if answer.media[index].isRTP, answer.media[index].port != 0 { answer.media[index].direction = .recvonly }
        }
        return (SDPWriter.write(answer), remote)
    }

    private static func parse(_ text: String) throws -> SessionDescription {
        switch SDPParser.parse(text) {
        case .success(let description): return description
        case .failure(let error): throw Problem("SDP does not parse: \(error)\n\(text)")
        }
    }

    private static func remoteDescription(_ session: SessionDescription, media: MediaDescription) throws -> RemoteTransportDescription {
        let transport = session.resolvedTransport(of: media)
        guard let ufrag = transport.iceUfrag, let pwd = transport.icePwd else { throw Problem("no ICE credentials") }
        let candidates = media.candidates.compactMap { candidate -> STUNTransportAddress? in
            guard candidate.transport.lowercased() == "udp", let address = ipv4(candidate.address) else { return nil }
            return .ipv4(address: address, port: candidate.port)
        }
        guard !candidates.isEmpty, !transport.fingerprints.isEmpty else { throw Problem("no candidate or fingerprint") }
        return RemoteTransportDescription(
            credentials: try ICECredentials(usernameFragment: ufrag, password: pwd), fingerprints: transport.fingerprints,
            candidates: candidates, localDTLSRole: transport.setup == .active ? .server : .client,
            isICELite: session.attributes.iceLite)
    }

    private static func transportLines(_ local: LocalTransportDescription, setup: String) -> [String] {
        let fingerprint = local.fingerprint
        return ["a=ice-ufrag:\(local.credentials.usernameFragment)", "a=ice-pwd:\(local.credentials.password)",
                "a=fingerprint:\(fingerprint.algorithm) \(fingerprint.hexValue)", "a=setup:\(setup)",
                "a=candidate:\(candidateValue(local))", "a=end-of-candidates"]
    }

    private static func candidate(_ local: LocalTransportDescription) -> Candidate {
        let (address, port) = hostAndPort(local.address)
        return Candidate(foundation: "1", priority: 2_130_706_431, address: address, port: port)
    }

    private static func candidateValue(_ local: LocalTransportDescription) -> String {
        let (address, port) = hostAndPort(local.address)
        return "1 1 udp 2130706431 \(address) \(port) typ host"
    }

    private static func hostAndPort(_ address: STUNTransportAddress) -> (String, UInt16) {
        guard case .ipv4(let value, let port) = address else { return ("0.0.0.0", 0) }
        return ([24, 16, 8, 0].map { String((value >> $0) & 0xFF) }.joined(separator: "."), port)
    }

    private static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4, text.split(separator: ".").count == 4 else { return nil }
        return parts.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
