/// Writes a `SessionDescription` as SDP text with CRLF line endings.
///
/// Lines are written in a fixed order, so text from another implementation comes back with the
/// same lines, possibly in another order within a section:
/// - session: `v= o= s=`, then `i= u= e= p=`, `c=`, `b=`, `t=`, then `r= z= k=` and further
///   `t=` lines, then `a=ice-lite`, `a=group`, `a=extmap-allow-mixed`, `a=msid-semantic`, the
///   ICE/DTLS attributes, the direction, `a=extmap`, and every other attribute in its order;
/// - media: `m=`, `i=`, `c=`, `b=`, `k=`, then `a=mid`, the ICE/DTLS attributes
///   (`ice-ufrag ice-pwd ice-options fingerprint setup`), `extmap-allow-mixed`, `extmap`, the
///   direction, `msid`, `rtcp-mux`, `rtcp-rsize`, `rtcp-fb:*`, per codec `rtpmap rtcp-fb fmtp`,
///   `ssrc-group`, `ssrc`, `rid`, `simulcast`, `sctp-port`, `max-message-size`, `candidate`,
///   `end-of-candidates`, and every other attribute in its order.
/// Several `a=ice-options` lines are merged into one. Parsing the output gives a value equal to
/// the input. Values are written as they are: parsed values never contain CR, LF or other
/// control characters, and a description built by hand must not either.
public enum SDPWriter {
    public static func write(_ session: SessionDescription) -> String {
        var out = SDPTextBuffer()
        out.line("v", "0")
        let origin = session.origin
        out.line("o", "\(origin.username) \(origin.sessionID) \(origin.sessionVersion) \(origin.networkType) \(origin.addressType) \(origin.address)")
        out.line("s", session.sessionName)
        out.extraLines(session.extraLines, types: "iuep")
        if let connection = session.connection { out.connection(connection) }
        for bandwidth in session.bandwidths { out.line("b", "\(bandwidth.type):\(bandwidth.value)") }
        out.line("t", "\(session.timing.start) \(session.timing.stop)")
        out.extraLines(session.extraLines, types: "trzk")
        writeAttributes(session.attributes, to: &out)
        for media in session.media { MediaSectionWriter.write(media, to: &out) }
        return out.text
    }

    private static func writeAttributes(_ attributes: SessionAttributes, to out: inout SDPTextBuffer) {
        if attributes.iceLite { out.attribute("ice-lite") }
        for group in attributes.groups { out.attribute("group", group.attributeValue) }
        if attributes.extmapAllowMixed { out.attribute("extmap-allow-mixed") }
        for semantic in attributes.msidSemantics { out.attribute("msid-semantic", semantic.rawValue) }
        out.transport(attributes.transport)
        if let direction = attributes.direction { out.attribute(direction.rawValue) }
        for extMap in attributes.extensions { out.attribute("extmap", extMap.attributeValue) }
        for attribute in attributes.otherAttributes { out.attribute(attribute.name, attribute.value) }
    }
}

/// Writes one media section (see `SDPWriter` for the order).
enum MediaSectionWriter {
    static func write(_ media: MediaDescription, to out: inout SDPTextBuffer) {
        let port = media.portCount.map { "\(media.port)/\($0)" } ?? String(media.port)
        out.line("m", ([media.kind.description, port, media.proto] + media.formats).joined(separator: " "))
        out.extraLines(media.extraLines, types: "i")
        if let connection = media.connection { out.connection(connection) }
        for bandwidth in media.bandwidths { out.line("b", "\(bandwidth.type):\(bandwidth.value)") }
        out.extraLines(media.extraLines, types: "k")
        if let mid = media.mid { out.attribute("mid", mid.value) }
        out.transport(media.transport)
        if media.extmapAllowMixed { out.attribute("extmap-allow-mixed") }
        for extMap in media.extensions { out.attribute("extmap", extMap.attributeValue) }
        if let direction = media.direction { out.attribute(direction.rawValue) }
        for msid in media.msids { out.attribute("msid", msid.attributeValue) }
        if media.rtcpMux { out.attribute("rtcp-mux") }
        if media.rtcpReducedSize { out.attribute("rtcp-rsize") }
        for feedback in media.sharedFeedback { out.attribute("rtcp-fb", "* \(feedback)") }
        for codec in media.codecs {
            let type = codec.payloadType
            if let rtpmap = codec.rtpmap { out.attribute("rtpmap", "\(type) \(rtpmap.encodingText)") }
            for feedback in codec.feedback { out.attribute("rtcp-fb", "\(type) \(feedback)") }
            if let parameters = codec.parameters { out.attribute("fmtp", "\(type) \(parameters.rawValue)") }
        }
        for group in media.ssrcGroups { out.attribute("ssrc-group", group.attributeValue) }
        for ssrc in media.ssrcAttributes { out.attribute("ssrc", ssrc.attributeValue) }
        for rid in media.rids { out.attribute("rid", rid.attributeValue) }
        if let simulcast = media.simulcast { out.attribute("simulcast", simulcast.attributeValue) }
        if let port = media.sctpPort { out.attribute("sctp-port", String(port)) }
        if let size = media.maxMessageSize { out.attribute("max-message-size", String(size)) }
        for candidate in media.candidates { out.attribute("candidate", candidate.attributeValue) }
        if media.endOfCandidates { out.attribute("end-of-candidates") }
        for attribute in media.otherAttributes { out.attribute(attribute.name, attribute.value) }
    }
}

/// The text being written, one CRLF-terminated line at a time.
struct SDPTextBuffer {
    private(set) var text = ""

    mutating func line(_ type: Character, _ value: String) {
        text.append(type)
        text += "="
        text += value
        text += "\r\n"
    }

    mutating func attribute(_ name: String, _ value: String? = nil) {
        line("a", value.map { "\(name):\($0)" } ?? name)
    }

    mutating func connection(_ connection: ConnectionData) {
        line("c", "\(connection.networkType) \(connection.addressType) \(connection.address)")
    }

    mutating func extraLines(_ lines: [SDPLine], types: String) {
        for extra in lines where types.contains(extra.type) { line(extra.type, extra.value) }
    }

    mutating func transport(_ transport: TransportAttributes) {
        if let ufrag = transport.iceUfrag { attribute("ice-ufrag", ufrag) }
        if let pwd = transport.icePwd { attribute("ice-pwd", pwd) }
        if !transport.iceOptions.isEmpty { attribute("ice-options", transport.iceOptions.joined(separator: " ")) }
        for fingerprint in transport.fingerprints { attribute("fingerprint", fingerprint.attributeValue) }
        if let setup = transport.setup { attribute("setup", setup.rawValue) }
    }
}
