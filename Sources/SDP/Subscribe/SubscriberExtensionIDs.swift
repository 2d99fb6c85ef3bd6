/// The header extension ids of every subscribe transport: one fixed table, so the forwarding
/// core rewrites a publisher's ids to the same numbers for every subscriber.
///
/// Invariants: every URI of `CodecPolicy.standard.headerExtensionURIs` has its own id in 1…14
/// (the one-byte form); `offered(for:)` lists only extensions whose values the server forwards
/// unchanged and that mean the same to every subscriber. The others keep their ids in forwarded
/// packets but are not offered, so subscribers ignore them: an SFU cannot pass a publisher's
/// mid, rid or transport-wide sequence numbers through as they are.
public enum SubscriberExtensionIDs {
    private static let table: [(uri: String, id: UInt8)] = [
        (HeaderExtensionURI.mid, 1),
        (HeaderExtensionURI.rtpStreamID, 2),
        (HeaderExtensionURI.repairedRTPStreamID, 3),
        (HeaderExtensionURI.absoluteSendTime, 4),
        (HeaderExtensionURI.transportWideCC, 5),
        (HeaderExtensionURI.audioLevel, 6),
        (HeaderExtensionURI.videoOrientation, 7),
        (HeaderExtensionURI.playoutDelay, 8),
    ]

    /// The subscriber-side id of the extension `uri`, if the server knows it.
    public static func id(for uri: String) -> UInt8? {
        table.first { $0.uri == uri }?.id
    }

    /// The extensions a subscribe offer lists for a section of `kind`: audio level for audio,
    /// video orientation and playout delay for video, none otherwise.
    public static func offered(for kind: MediaKind) -> [ExtMap] {
        let uris: [String]
        switch kind {
        case .audio: uris = [HeaderExtensionURI.audioLevel]
        case .video: uris = [HeaderExtensionURI.videoOrientation, HeaderExtensionURI.playoutDelay]
        case .application, .other: uris = []
        }
        return uris.compactMap { uri in id(for: uri).map { ExtMap(id: $0, uri: uri) } }
    }
}
