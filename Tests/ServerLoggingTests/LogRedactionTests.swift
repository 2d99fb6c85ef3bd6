import Foundation
import Logging
import ServerLogging
import Testing

/// The redaction switch is process-wide: these tests run one at a time and leave it on.
@Suite("Log redaction: addresses and ICE credentials", .serialized)
struct LogRedactionTests {
    struct Address: CustomStringConvertible {
        var description: String { "127.0.0.1:50000" }
    }

    @Test("on (the default): addresses and credentials read <redacted>, in text and JSON lines")
    func redacted() throws {
        LogRedaction.setEnabled(true)
        #expect(LogRedaction.isEnabled)
        #expect(LogRedaction.address(Address()) == "<redacted>")
        #expect(LogRedaction.address(8080) == "<redacted>")
        #expect(LogRedaction.credential("Cli0ufrag") == "<redacted>")

        let captured = CapturedLines()
        let levels = LogLevelSwitch(.debug)
        for format in LogLineFormat.allCases {
            captured.logger(format: format, levels: levels).info(
                "selected pair",
                metadata: ["remote": "\(LogRedaction.address(Address()))", "ufrag": "\(LogRedaction.credential("Cli0ufrag"))"])
        }
        let lines = captured.all
        #expect(lines.count == 2)
        for line in lines {
            #expect(!line.contains("127.0.0.1") && !line.contains("50000") && !line.contains("Cli0ufrag"), "\(line)")
            #expect(line.contains("<redacted>"), "\(line)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: String])
        #expect(json["remote"] == "<redacted>" && json["ufrag"] == "<redacted>")
    }

    @Test("off (--log-unredacted): the values are shown as they are")
    func unredacted() {
        LogRedaction.setEnabled(false)
        defer { LogRedaction.setEnabled(true) }
        #expect(!LogRedaction.isEnabled)
        #expect(LogRedaction.address(Address()) == "127.0.0.1:50000")
        #expect(LogRedaction.credential("Cli0ufrag"[...]) == "Cli0ufrag")

        let captured = CapturedLines()
        captured.logger(levels: LogLevelSwitch(.info)).info(
            "selected pair", metadata: ["remote": "\(LogRedaction.address(Address()))"])
        #expect(captured.all.first?.contains("remote=127.0.0.1:50000") == true, "\(captured.all)")
    }
}
