import Foundation
import Logging
import ServerLogging
import Testing

@Suite("ServerLogHandler: shared level, metadata, format")
struct ServerLogHandlerTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk on fire" }
    }

    @Test("changing the shared level changes every logger made with it, even ones made before")
    func sharedLevel() {
        let captured = CapturedLines()
        let levels = LogLevelSwitch(.info)
        let first = captured.logger("one", levels: levels)
        let second = captured.logger("two", levels: levels)
        first.debug("hidden")
        second.info("shown at info")
        #expect(captured.all.count == 1)

        #expect(levels.set(.debug) == .info)
        #expect(first.logLevel == .debug && second.logLevel == .debug)
        first.debug("now shown")
        second.trace("still hidden")
        #expect(captured.all.map { $0.components(separatedBy: "] ").last ?? "" } == ["shown at info\n", "now shown\n"])

        levels.set(.error)
        first.warning("hidden again")
        second.error("an error")
        #expect(captured.all.count == 3)
        #expect(captured.all.last?.contains(" error two: [") == true, "\(captured.all)")
    }

    @Test("a logger given its own level keeps it; the others follow the switch")
    func ownLevel() {
        let captured = CapturedLines()
        let levels = LogLevelSwitch(.notice)
        var quiet = captured.logger(levels: levels)
        quiet.logLevel = .critical
        let shared = captured.logger(levels: levels)
        levels.set(.trace)
        #expect(quiet.logLevel == .critical)
        #expect(shared.logLevel == .trace)
        quiet.error("not critical enough")
        shared.trace("trace")
        #expect(captured.all.count == 1)
    }

    @Test("every level round-trips through the switch")
    func everyLevel() {
        let levels = LogLevelSwitch(.critical)
        for level in Logger.Level.allCases {
            levels.set(level)
            #expect(levels.level == level)
        }
    }

    @Test("metadata: handler's, then the provider's, then the call's win; an error adds its message and type")
    func metadataMerge() throws {
        let captured = CapturedLines()
        let levels = LogLevelSwitch(.info)
        let sink = captured.sink
        let provider = Logger.MetadataProvider { ["request": "from-provider", "trace": "t1"] }
        var logger = Logger(label: "merge") { label in
            ServerLogHandler(label: label, format: .json, levels: levels, sink: sink, metadataProvider: provider)
        }
        logger[metadataKey: "request"] = "from-handler"
        logger[metadataKey: "worker"] = "3"
        logger.info("first", metadata: ["trace": "from-call"])
        logger.error("failed", error: Failure())
        let lines = captured.all
        try #require(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(first["request"] == "from-provider")
        #expect(first["trace"] == "from-call")
        #expect(first["worker"] == "3")
        #expect(first["label"] == "merge")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: String])
        #expect(second["error.message"] == "disk on fire")
        #expect(second["error.type"]?.hasSuffix("Failure") == true, "\(second)")
        #expect(second["level"] == "error")
    }
}
