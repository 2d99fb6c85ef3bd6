public import SDP

/// A track a participant publishes: the API's `Track` and the accepted section it arrives on
/// (the publisher's codecs, payload types and header-extension ids), which subscribe offers
/// are written from.
///
/// Invariant: `media.isReceiving`; `track.mid == media.mid.value`.
public struct PublishedTrack: Hashable, Sendable {
    public var track: Track
    public var media: AcceptedMedia

    public init(track: Track, media: AcceptedMedia) {
        self.track = track
        self.media = media
    }
}
