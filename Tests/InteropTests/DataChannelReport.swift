/// What data_peer.py printed for one participant: the channels it sent on and the relayed
/// channels it received, each message checked against the sequence regenerated from (sender,
/// label, index). Times are milliseconds since the Unix epoch, comparable across the processes
/// of one test.
struct DataChannelReport: CustomStringConvertible {
    /// A channel the participant opened on its publish connection.
    struct SentChannel {
        let label: String
        let messages: Int
        let bytes: Int
        /// sendTimesMs[i]: when message i was handed to the channel (pattern "indexed").
        let sendTimesMs: [Double]
    }

    /// A channel the server opened on the participant's subscribe connection.
    struct ReceivedChannel: CustomStringConvertible {
        let raw: [String: Any]

        var label: String { raw["label"] as? String ?? "" }
        /// The DCEP protocol: the sending participant's id.
        var sender: String { raw["protocol"] as? String ?? "" }
        var ordered: Bool? { raw["ordered"] as? Bool }
        var maxRetransmits: Int? { raw["maxRetransmits"] as? Int }
        var maxPacketLifeTime: Int? { raw["maxPacketLifeTime"] as? Int }
        var readyState: String { raw["readyState"] as? String ?? "" }
        var closedAtMs: Double? { number(raw["closedAtMs"]) }
        var messages: Int { raw["messages"] as? Int ?? 0 }
        var bytes: Int { raw["bytes"] as? Int ?? 0 }
        var emptyTexts: Int { raw["emptyTexts"] as? Int ?? 0 }
        var emptyBinaries: Int { raw["emptyBinaries"] as? Int ?? 0 }
        /// Pattern "mix": how many messages, from the first, equal the sender's sequence.
        var matched: Int { raw["matched"] as? Int ?? 0 }
        /// Pattern "mix": where the received sequence first differs from the sent one.
        var firstMismatch: [String: Any]? { raw["firstMismatch"] as? [String: Any] }
        /// Pattern "indexed": messages that are not message i of the sender's sequence for the
        /// index i they carry.
        var corrupt: Int { raw["corrupt"] as? Int ?? 0 }
        var duplicates: Int { raw["duplicates"] as? Int ?? 0 }
        var outOfOrder: Int { raw["outOfOrder"] as? Int ?? 0 }
        /// Pattern "indexed": (index, arrival time) of every intact message, in arrival order.
        var receiveLog: [(index: Int, atMs: Double)] {
            (raw["receiveLog"] as? [[Any]] ?? []).compactMap { entry in
                guard entry.count == 2, let index = entry[0] as? Int, let atMs = number(entry[1]) else { return nil }
                return (index, atMs)
            }
        }

        var description: String {
            "\(sender)/\(label) ordered \(ordered.map(String.init) ?? "?") rtx \(maxRetransmits.map(String.init) ?? "-") "
                + "\(readyState): \(messages) messages, \(bytes) bytes, matched \(matched), mismatch "
                + "\(firstMismatch.map { "\($0)" } ?? "none"), corrupt \(corrupt), duplicates \(duplicates), "
                + "out of order \(outOfOrder)"
        }
    }

    let raw: [String: Any]

    init(_ raw: [String: Any]) { self.raw = raw }

    var participant: String { raw["participant"] as? String ?? "" }
    var errors: [String] { raw["errors"] as? [String] ?? [] }
    var publishStatus: Int? { (raw["publish"] as? [String: Any])?["status"] as? Int }
    var subscribeConnectedAtMs: Double? { number((raw["subscribe"] as? [String: Any])?["connectedAtMs"]) }
    /// When the peer stopped itself (`stallAfter`).
    var stalledAtMs: Double? { number(raw["stalledAtMs"]) }

    var sent: [SentChannel] {
        (raw["sent"] as? [[String: Any]] ?? []).map {
            SentChannel(label: $0["label"] as? String ?? "", messages: $0["messages"] as? Int ?? 0,
                        bytes: $0["bytes"] as? Int ?? 0,
                        sendTimesMs: ($0["sendTimesMs"] as? [Any] ?? []).compactMap(number))
        }
    }

    var received: [ReceivedChannel] { (raw["received"] as? [[String: Any]] ?? []).map(ReceivedChannel.init) }

    func sent(label: String) -> SentChannel? { sent.first { $0.label == label } }

    func received(from sender: String, label: String) -> ReceivedChannel? {
        received.first { $0.sender == sender && $0.label == label }
    }

    var description: String {
        "\(participant): errors \(errors); publish \(publishStatus.map(String.init) ?? "-"); sent "
            + "\(sent.map { "\($0.label) \($0.messages) messages \($0.bytes) bytes" }); received \(received)"
    }
}

/// A JSON number as a Double, whether JSONSerialization read it as an integer or not.
private func number(_ value: Any?) -> Double? {
    if let value = value as? Double { return value }
    if let value = value as? Int { return Double(value) }
    return nil
}
