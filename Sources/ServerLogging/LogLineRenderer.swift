public import Logging

/// Turns one log event into one line of text (a trailing newline included), in either
/// ``LogLineFormat``.
///
/// Invariant: a line never contains a line break other than its last character (the JSON form
/// escapes them; the text form writes message and metadata as given, so a multi-line message
/// stays multi-line there, as with swift-log's stream handler).
public enum LogLineRenderer {
    /// The fields of one line, metadata already merged (handler, provider, call site, error).
    public struct Fields: Sendable {
        public var timestamp: LogTimestamp
        public var level: Logger.Level
        public var label: String
        public var source: String
        public var message: String
        public var metadata: Logger.Metadata

        public init(
            timestamp: LogTimestamp, level: Logger.Level, label: String, source: String, message: String,
            metadata: Logger.Metadata
        ) {
            self.timestamp = timestamp
            self.level = level
            self.label = label
            self.source = source
            self.message = message
            self.metadata = metadata
        }
    }

    /// The keys the JSON form writes itself; metadata with one of these keys is renamed.
    public static let reservedKeys: Set<String> = ["timestamp", "level", "label", "source", "message"]

    public static func line(_ fields: Fields, format: LogLineFormat) -> String {
        switch format {
        case .text: text(fields)
        case .json: json(fields)
        }
    }

    static func text(_ fields: Fields) -> String {
        var line = fields.timestamp.localSeconds + " " + fields.level.rawValue
        if !fields.label.isEmpty { line += " " + fields.label }
        line += ":"
        for (key, value) in fields.metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        return line + " [\(fields.source)] \(fields.message)\n"
    }

    static func json(_ fields: Fields) -> String {
        var line = "{"
        JSONText.appendMember("timestamp", .string(fields.timestamp.utcMilliseconds), to: &line, first: true)
        JSONText.appendMember("level", .string(fields.level.rawValue), to: &line)
        JSONText.appendMember("label", .string(fields.label), to: &line)
        JSONText.appendMember("source", .string(fields.source), to: &line)
        JSONText.appendMember("message", .string(fields.message), to: &line)
        for (key, value) in fields.metadata.sorted(by: { $0.key < $1.key }) {
            JSONText.appendMember(reservedKeys.contains(key) ? "metadata." + key : key, value, to: &line)
        }
        return line + "}\n"
    }
}

/// Writing JSON text: strings escaped per RFC 8259 §7, metadata values as strings, arrays and
/// objects.
enum JSONText {
    static func appendMember(_ key: String, _ value: Logger.MetadataValue, to line: inout String, first: Bool = false) {
        if !first { line += "," }
        appendString(key, to: &line)
        line += ":"
        appendValue(value, to: &line)
    }

    static func appendValue(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let string):
            appendString(string, to: &line)
        case .stringConvertible(let convertible):
            appendString(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        case .dictionary(let members):
            line += "{"
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                appendMember(member.key, member.value, to: &line, first: index == 0)
            }
            line += "}"
        }
    }

    /// `string` as a JSON string: quotes, backslashes and control characters escaped.
    static func appendString(_ string: String, to line: inout String) {
        line += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
