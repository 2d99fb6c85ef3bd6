public import RTCWire

/// An `a=rid:<rid> <send|recv> [pt=<fmt>,...;][<restriction>=<value>;...]` line (RFC 8851):
/// one RTP stream of a media section, e.g. a simulcast layer.
///
/// Invariants: `payloadTypes` is the `pt=` list (empty when absent); `restrictions` keeps the
/// other parameters in order, each with a non-empty name. Written with `pt=` first.
public struct RIDDescription: Hashable, Sendable {
    public var rid: Rid
    public var direction: RIDDirection
    public var payloadTypes: [PayloadType]
    public var restrictions: [RIDRestriction]

    public init(rid: Rid, direction: RIDDirection, payloadTypes: [PayloadType] = [], restrictions: [RIDRestriction] = []) {
        self.rid = rid
        self.direction = direction
        self.payloadTypes = payloadTypes
        self.restrictions = restrictions
    }

    static let syntax = "<rid> send|recv [pt=<payload type>,...][;<name>=<value>...]"

    public init(parsing value: Substring) throws(SDPProblem) {
        let fields = SDPText.fields(value)
        guard (2...3).contains(fields.count), let direction = RIDDirection(rawValue: String(fields[1])) else {
            throw .expected(RIDDescription.syntax)
        }
        guard let rid = Rid(String(fields[0])) else { throw .expected("a rid of 1–16 characters [A-Za-z0-9_-]") }
        self.init(rid: rid, direction: direction)
        guard fields.count == 3 else { return }
        for item in SDPText.split(fields[2], on: UInt8(ascii: ";")) {
            let (name, itemValue) = SDPText.splitAt(UInt8(ascii: "="), item)
            guard !name.isEmpty else { throw .expected(RIDDescription.syntax) }
            if name == "pt", let itemValue {
                guard payloadTypes.isEmpty else { throw .duplicate("pt= in a=rid") }
                for format in SDPText.split(itemValue, on: UInt8(ascii: ",")) {
                    guard let number = SDPText.number(format, as: UInt8.self), let type = PayloadType(rawValue: number) else {
                        throw .numberOutOfRange(field: "rid payload type", range: "0–127")
                    }
                    payloadTypes.append(type)
                }
                guard !payloadTypes.isEmpty else { throw .expected(RIDDescription.syntax) }
            } else {
                restrictions.append(RIDRestriction(name: String(name), value: itemValue.map(String.init)))
            }
        }
    }

    var attributeValue: String {
        var parameters: [String] = []
        if !payloadTypes.isEmpty { parameters.append("pt=" + payloadTypes.map(\.description).joined(separator: ",")) }
        for restriction in restrictions {
            parameters.append(restriction.value.map { "\(restriction.name)=\($0)" } ?? restriction.name)
        }
        let head = "\(rid) \(direction.rawValue)"
        return parameters.isEmpty ? head : head + " " + parameters.joined(separator: ";")
    }
}

/// The direction of an `a=rid` stream from the author's point of view.
public enum RIDDirection: String, Hashable, Sendable {
    case send, recv
}

/// A `name[=value]` restriction of an `a=rid` line (e.g. `max-width=1280`).
///
/// Invariant: `name` is non-empty and contains neither ";" nor "=" nor spaces; `value` has no ";"
/// nor spaces.
public struct RIDRestriction: Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
