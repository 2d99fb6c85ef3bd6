/// What conference_peer.py printed for one participant: the events it received, what it sent on
/// its publish transport and what it decoded on its subscribe transport. Times are milliseconds
/// since the Unix epoch, comparable across the peers of one test (one machine, one clock).
struct ConferenceReport: CustomStringConvertible {
    /// One Server-Sent Event as received.
    struct Event {
        let name: String
        let data: [String: Any]
        let atMs: Double
    }

    /// One of the participant's own published tracks.
    struct SentTrack {
        /// The server's id for the track (from `GET` of the participant), nil when unknown.
        let id: String?
        let kind: String
        let framesSent: Int
        /// frameTimesMs[i]: when video frame i was handed to the encoder.
        let frameTimesMs: [Double]
    }

    /// One track received on the subscribe transport, named by its m-section's msid.
    struct RemoteTrack: CustomStringConvertible {
        let publisher: String?
        let trackId: String?
        let kind: String
        /// When the offer that brought this track was received.
        let negotiatedAtMs: Double
        let framesReceived: Int
        let samplesReceived: Int
        let decodeErrors: Int
        /// The distinct frame numbers decoded (video).
        let frameNumbers: Set<Int>
        /// Its m-section's direction in the latest offer: "sendonly", "inactive", … or
        /// "rejected" (port 0), "missing" (no such section any more).
        let offeredDirection: String

        var description: String {
            "\(kind) \(trackId ?? "?") of \(publisher ?? "?"): \(framesReceived) frames, \(frameNumbers.count) numbers, "
                + "\(samplesReceived) samples, \(decodeErrors) undecodable, offered \(offeredDirection)"
        }
    }

    let raw: [String: Any]

    init(_ raw: [String: Any]) { self.raw = raw }

    var participant: String { raw["participant"] as? String ?? "" }
    var errors: [String] { raw["errors"] as? [String] ?? [] }
    /// A summary: errors, event names, negotiations and tracks (the frame logs left out).
    var description: String {
        "\(participant): errors \(errors); events \(events.map(\.name)); publish \(publishStatus.map(String.init) ?? "-") "
            + "\(sentTracks.map { "\($0.kind) \($0.id ?? "?") \($0.framesSent) frames" }); negotiations \(negotiations); "
            + "received \(remoteTracks)"
    }

    var events: [Event] {
        (raw["events"] as? [[String: Any]] ?? []).map {
            Event(name: $0["event"] as? String ?? "", data: $0["data"] as? [String: Any] ?? [:],
                  atMs: milliseconds($0["atMs"]) ?? 0)
        }
    }

    /// The events whose name is `name`, in arrival order.
    func events(named name: String) -> [Event] { events.filter { $0.name == name } }

    /// The event stream's HTTP status (200 when it opened).
    var eventStreamStatus: Int? { (raw["eventStream"] as? [String: Any])?["status"] as? Int }

    var publishStatus: Int? { (raw["publish"] as? [String: Any])?["status"] as? Int }

    var sentTracks: [SentTrack] {
        ((raw["publish"] as? [String: Any])?["tracks"] as? [[String: Any]] ?? []).map {
            SentTrack(id: $0["id"] as? String, kind: $0["kind"] as? String ?? "",
                      framesSent: $0["framesSent"] as? Int ?? 0,
                      frameTimesMs: ($0["frameTimesMs"] as? [Any] ?? []).compactMap(milliseconds))
        }
    }

    func sentTrack(kind: String) -> SentTrack? { sentTracks.first { $0.kind == kind } }

    /// When the subscribe transport first reached "connected".
    var subscribeConnectedAtMs: Double? { milliseconds((raw["subscribe"] as? [String: Any])?["connectedAtMs"]) }

    /// Each subscribe negotiation: (offer status, answer status, when it started).
    var negotiations: [(offerStatus: Int?, answerStatus: Int?, atMs: Double)] {
        ((raw["subscribe"] as? [String: Any])?["negotiations"] as? [[String: Any]] ?? []).map {
            ($0["offerStatus"] as? Int, $0["answerStatus"] as? Int, milliseconds($0["atMs"]) ?? 0)
        }
    }

    var remoteTracks: [RemoteTrack] {
        (raw["remoteTracks"] as? [[String: Any]] ?? []).map {
            RemoteTrack(publisher: $0["publisher"] as? String, trackId: $0["trackId"] as? String,
                        kind: $0["kind"] as? String ?? "", negotiatedAtMs: milliseconds($0["negotiatedAtMs"]) ?? 0,
                        framesReceived: $0["framesReceived"] as? Int ?? 0,
                        samplesReceived: $0["samplesReceived"] as? Int ?? 0,
                        decodeErrors: $0["decodeErrors"] as? Int ?? 0,
                        frameNumbers: Set($0["frameNumbers"] as? [Int] ?? []),
                        offeredDirection: $0["offeredDirection"] as? String ?? "")
        }
    }

    func remoteTrack(publisher: String, kind: String) -> RemoteTrack? {
        remoteTracks.first { $0.publisher == publisher && $0.kind == kind }
    }

    /// The status of the participant's own `DELETE`, when it left.
    var leaveStatus: Int? { (raw["left"] as? [String: Any])?["status"] as? Int }
}

/// A JSON number as a Double, whether JSONSerialization read it as an integer or not.
private func milliseconds(_ value: Any?) -> Double? {
    if let value = value as? Double { return value }
    if let value = value as? Int { return Double(value) }
    return nil
}
