import Foundation
import Logging
import ServerLogging
import Testing

@Suite("Log lines: text and JSON shapes")
struct LogLineRendererTests {
    /// 2023-11-14T22:13:20.123Z.
    static let instant = LogTimestamp(seconds: 1_700_000_000, nanoseconds: 123_456_789)

    static func fields(message: String = "hello", metadata: Logger.Metadata = [:]) -> LogLineRenderer.Fields {
        LogLineRenderer.Fields(
            timestamp: instant, level: .warning, label: "switchboard.media", source: "MediaServer", message: message,
            metadata: metadata)
    }

    static func object(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("}\n"), "\(line)")
        #expect(line.dropLast().firstIndex(of: "\n") == nil, "one line: \(line)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test("text: timestamp, level, label, metadata sorted by key, source, message, one newline")
    func textShape() throws {
        let line = LogLineRenderer.line(Self.fields(metadata: ["worker": "1", "room": "r 1"]), format: .text)
        let pattern = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} warning switchboard\.media: room=r 1 worker=1 \[MediaServer\] hello\n$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        let bare = LogLineRenderer.line(Self.fields(), format: .text)
        #expect(bare.hasSuffix(" warning switchboard.media: [MediaServer] hello\n"), "\(bare)")
    }

    @Test("json: the fixed fields, then each metadata field; nested values keep their shape")
    func jsonShape() throws {
        let metadata: Logger.Metadata = [
            "room": "r1", "ports": ["1", "2"], "pair": ["local": "a", "remote": "b"],
            "count": .stringConvertible(42),
        ]
        let object = try Self.object(LogLineRenderer.line(Self.fields(metadata: metadata), format: .json))
        #expect(object["timestamp"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "switchboard.media")
        #expect(object["source"] as? String == "MediaServer")
        #expect(object["message"] as? String == "hello")
        #expect(object["room"] as? String == "r1")
        #expect(object["ports"] as? [String] == ["1", "2"])
        #expect(object["pair"] as? [String: String] == ["local": "a", "remote": "b"])
        #expect(object["count"] as? String == "42")
        #expect(object.count == 9)
    }

    @Test("json: metadata named like a fixed field is kept under metadata.KEY")
    func jsonReservedKeys() throws {
        let object = try Self.object(LogLineRenderer.line(
            Self.fields(message: "real", metadata: ["message": "shadow", "level": "x"]), format: .json))
        #expect(object["message"] as? String == "real")
        #expect(object["level"] as? String == "warning")
        #expect(object["metadata.message"] as? String == "shadow")
        #expect(object["metadata.level"] as? String == "x")
    }

    @Test("json: quotes, backslashes, line breaks and control characters are escaped; the text survives")
    func jsonEscaping() throws {
        let tricky = "say \"hi\"\\ \n\r\t\u{01}\u{1F}\u{7F} é ✓ 🎉"
        let line = LogLineRenderer.line(Self.fields(message: tricky, metadata: ["k\"ey\n": .string(tricky)]), format: .json)
        #expect(line.contains(#"\u0001"#) && line.contains(#"\u001f"#) && line.contains(#"\n"#))
        let object = try Self.object(line)
        #expect(object["message"] as? String == tricky)
        #expect(object["k\"ey\n"] as? String == tricky)
    }

    @Test("timestamps: UTC milliseconds are zero-padded and normalized")
    func timestamps() {
        #expect(LogTimestamp(seconds: 0, nanoseconds: 5_000_000).utcMilliseconds == "1970-01-01T00:00:00.005Z")
        #expect(LogTimestamp(seconds: 59, nanoseconds: 1_999_000_000).utcMilliseconds == "1970-01-01T00:01:00.999Z")
        #expect(LogTimestamp(seconds: 1_700_000_000, nanoseconds: 40_000_000).utcMilliseconds == "2023-11-14T22:13:20.040Z")
    }
}
