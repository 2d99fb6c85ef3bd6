import Foundation

/// Wall-clock times as the API writes them: whole milliseconds since the Unix epoch.
enum UnixTime {
    static func milliseconds(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
