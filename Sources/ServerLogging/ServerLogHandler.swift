public import Logging

/// The server's swift-log handler: one line per event on a ``LogSink``, as text or JSON
/// (``LogLineFormat``), at the level of a shared ``LogLevelSwitch``.
///
/// Invariants: a handler's level is the switch's current level until `logLevel` is set on it
/// (that logger copy alone then keeps its own level, as swift-log's value semantics ask);
/// metadata are merged in swift-log's order — the handler's, then the metadata provider's, then
/// the call's, then `error.message` and `error.type` for an event carrying an error — later
/// ones winning on equal keys.
public struct ServerLogHandler: LogHandler {
    public let label: String
    public let format: LogLineFormat
    public let levels: LogLevelSwitch
    public let sink: LogSink
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private var ownLevel: Logger.Level?

    public init(
        label: String, format: LogLineFormat, levels: LogLevelSwitch, sink: LogSink = .standardOutput,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.format = format
        self.levels = levels
        self.sink = sink
        self.metadataProvider = metadataProvider
    }

    public var logLevel: Logger.Level {
        get { ownLevel ?? levels.level }
        set { ownLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let fields = LogLineRenderer.Fields(
            timestamp: .now(), level: event.level, label: label, source: event.source, message: event.message.description,
            metadata: merged)
        sink.write(LogLineRenderer.line(fields, format: format))
    }
}
