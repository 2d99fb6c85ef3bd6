/// How a ``ServerLogHandler`` writes each event: one line either way.
public enum LogLineFormat: String, Sendable, Hashable, CaseIterable {
    /// `TIMESTAMP LEVEL LABEL: key=value … [SOURCE] MESSAGE`, the shape of swift-log's stream
    /// handler (local time, metadata sorted by key).
    case text
    /// One JSON object: `timestamp` (UTC, RFC 3339 with milliseconds), `level`, `label`,
    /// `source`, `message`, then each metadata field by its key (a key that collides with one of
    /// those is written as `metadata.KEY`).
    case json
}
