import Logging
import ServerLogging
import Synchronization

/// A `LogSink` that keeps every line written to it, for the tests to read.
final class CapturedLines: Sendable {
    private let lines = Mutex<[String]>([])

    var sink: LogSink {
        LogSink { line in self.lines.withLock { $0.append(line) } }
    }

    var all: [String] { lines.withLock { $0 } }

    /// A logger whose handler writes to this capture, in `format`, at the shared `levels`.
    func logger(_ label: String = "test", format: LogLineFormat = .text, levels: LogLevelSwitch) -> Logger {
        let sink = sink
        return Logger(label: label) { label in ServerLogHandler(label: label, format: format, levels: levels, sink: sink) }
    }
}
