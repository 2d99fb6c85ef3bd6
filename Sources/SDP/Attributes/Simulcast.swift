public import RTCWire

/// An `a=simulcast:` line (RFC 8853 §5.1): the simulcast streams a media section sends and/or
/// receives, e.g. `a=simulcast:send h;m;l`.
///
/// Invariants: at least one of `send` and `recv` is non-empty; each stream (an element of the
/// lists) has at least one alternative. Written `send` first, then `recv`.
public struct Simulcast: Hashable, Sendable {
    /// The streams sent, in order; each stream lists alternative rids (RFC 8853 `sc-alt-list`).
    public var send: [[SimulcastStream]]
    public var recv: [[SimulcastStream]]

    public init(send: [[SimulcastStream]] = [], recv: [[SimulcastStream]] = []) {
        self.send = send
        self.recv = recv
    }

    static let syntax = "send|recv <rid>[,<rid>][;<rid>...] [send|recv <rid>...]"

    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard fields.count == 2 || fields.count == 4 else { throw .expected(Simulcast.syntax) }
        self.init()
        var seen: Set<Substring> = []
        for index in stride(from: 0, to: fields.count, by: 2) {
            let direction = fields[index]
            guard direction == "send" || direction == "recv", seen.insert(direction).inserted else {
                throw .expected(Simulcast.syntax)
            }
            let streams = try Simulcast.streams(fields[index + 1])
            if direction == "send" { send = streams } else { recv = streams }
        }
    }

    /// Every rid named in `send`, in order.
    public var sendRids: [Rid] { send.flatMap { $0.map(\.rid) } }
    /// Every rid named in `recv`, in order.
    public var recvRids: [Rid] { recv.flatMap { $0.map(\.rid) } }

    var attributeValue: String {
        var parts: [String] = []
        if !send.isEmpty { parts.append("send " + Simulcast.text(send)) }
        if !recv.isEmpty { parts.append("recv " + Simulcast.text(recv)) }
        return parts.joined(separator: " ")
    }

    private static func streams(_ text: Substring) throws(SDPProblem) -> [[SimulcastStream]] {
        var streams: [[SimulcastStream]] = []
        for list in SDPText.split(text, on: UInt8(ascii: ";")) {
            var alternatives: [SimulcastStream] = []
            for item in SDPText.split(list, on: UInt8(ascii: ",")) {
                let paused = item.first == "~"
                guard let rid = Rid(String(paused ? item.dropFirst() : item)) else {
                    throw .expected("a rid of 1–16 characters [A-Za-z0-9_-], optionally after ~")
                }
                alternatives.append(SimulcastStream(rid: rid, paused: paused))
            }
            streams.append(alternatives)
        }
        return streams
    }

    private static func text(_ streams: [[SimulcastStream]]) -> String {
        streams.map { list in
            list.map { ($0.paused ? "~" : "") + $0.rid.value }.joined(separator: ",")
        }.joined(separator: ";")
    }
}

/// One rid in an `a=simulcast` list; `paused` is the `~` prefix (RFC 8853 §5.1).
public struct SimulcastStream: Hashable, Sendable {
    public var rid: Rid
    public var paused: Bool
    public init(rid: Rid, paused: Bool = false) {
        self.rid = rid
        self.paused = paused
    }
}
