/// What publish_peer.py printed, with typed access to the stats reports it read.
struct PeerResult: CustomStringConvertible {
    let raw: [String: Any]

    init(_ raw: [String: Any]) { self.raw = raw }

    var connected: Bool { raw["connected"] as? Bool ?? false }
    var connectSeconds: Double? { raw["connectSeconds"] as? Double }
    var error: String? { raw["error"] as? String }
    /// The first candidate of the server's answer: (address, port).
    var answerCandidate: (address: String, port: Int)? {
        guard let candidate = raw["answerCandidate"] as? [String: Any], let address = candidate["address"] as? String,
              let port = candidate["port"] as? Int else { return nil }
        return (address, port)
    }
    var statsFirst: StatsView? { (raw["statsFirst"] as? [String: Any]).map(StatsView.init) }
    var statsSecond: StatsView? { (raw["statsSecond"] as? [String: Any]).map(StatsView.init) }
    /// `GET …/participants/{p}` read while sending, after the peer connected.
    var participant: [String: Any]? { raw["participant"] as? [String: Any] }
    var description: String { "\(raw)" }
}

/// One `GET …/stats` answer: `{"timestamp", "stats": [entries]}`.
struct StatsView {
    let entries: [[String: Any]]

    init(_ report: [String: Any]) {
        entries = report["stats"] as? [[String: Any]] ?? []
    }

    func entries(ofType type: String) -> [[String: Any]] {
        entries.filter { $0["type"] as? String == type }
    }

    /// The publish transport's `transport` entry.
    var transport: [String: Any]? {
        entries(ofType: "transport").first { $0["transportRole"] as? String == "publish" }
    }

    /// The `inbound-rtp` entry of the stream of `kind` with the most packets.
    func inbound(kind: String) -> [String: Any]? {
        entries(ofType: "inbound-rtp").filter { $0["kind"] as? String == kind }
            .max { ($0["packetsReceived"] as? Int ?? 0) < ($1["packetsReceived"] as? Int ?? 0) }
    }

    /// The entry whose `id` is `id`.
    func entry(id: Any?) -> [String: Any]? {
        guard let id = id as? String else { return nil }
        return entries.first { $0["id"] as? String == id }
    }

    func integer(_ entry: [String: Any]?, _ field: String) -> Int {
        entry?[field] as? Int ?? 0
    }
}
