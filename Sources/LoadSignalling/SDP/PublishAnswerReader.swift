import LoadModel
import RTCWire
import SDP

/// Reads the server's answer to a publisher's offer (see `PeerSDP.readPublishAnswer`).
///
/// Every mid the streams use must come back accepted (non-zero port); the answer's
/// `a=setup:active` makes the peer the DTLS server, `passive` (or no setup, RFC 4145's default
/// for an answer) the client. Header extension ids are the answer's (session- or media-level)
/// for sdes:mid and, when a stream has a rid, sdes:rtp-stream-id.
enum PublishAnswerReader {
    static let step = "publish answer"

    static func read(_ text: String, streams: [OutgoingStream], policy: AddressPolicy)
        throws(SignallingError) -> (remote: RemoteTransportDescription, extensions: HeaderExtensionIDs)
    {
        let reader = RemoteTransportReader(step: step)
        let session = try reader.parse(text)
        var needed: [OutgoingStream] = []
        for stream in streams where !needed.contains(where: { $0.mid == stream.mid }) { needed.append(stream) }
        for stream in needed {
            guard let section = session.media(withMid: stream.mid) else {
                throw .malformed(step: step, reason: "no m-section with mid \(stream.mid) (\(stream.kind.rawValue))")
            }
            guard section.port != 0 else {
                throw .malformed(step: step, reason: "the server rejected the \(stream.kind.rawValue) section (mid \(stream.mid), port 0)")
            }
        }
        let accepted = session.media.filter { $0.port != 0 }
        let role: LocalDTLSRole
        switch reader.setup(session, sections: accepted) {
        case .active: role = .server
        case .passive, nil: role = .client
        case .some(let other): throw .malformed(step: step, reason: "an answer may not say a=setup:\(other.rawValue)")
        }
        let remote = try reader.read(session, sections: accepted, role: role, policy: policy)

        let mediaSections = needed.compactMap { session.media(withMid: $0.mid) }
        let midID = extensionID(HeaderExtensionURI.mid, in: mediaSections, session: session)
        let ridSections = needed.filter { stream in streams.contains { $0.mid == stream.mid && $0.rid != nil } }
            .compactMap { session.media(withMid: $0.mid) }
        let ridID = ridSections.isEmpty ? nil : extensionID(HeaderExtensionURI.rtpStreamID, in: ridSections, session: session)
        return (remote, HeaderExtensionIDs(mid: midID, rid: ridID))
    }

    /// The id `uri` has in the first of `sections` that maps it, else at the session level.
    /// Only one-byte ids (1–14) count: the harness writes one-byte header extensions.
    private static func extensionID(_ uri: String, in sections: [MediaDescription], session: SessionDescription) -> UInt8? {
        let maps = sections.flatMap(\.extensions) + session.attributes.extensions
        return maps.first { $0.uri == uri && (1...14).contains($0.id) && $0.direction != .inactive }?.id
    }
}
