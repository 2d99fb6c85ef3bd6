import Foundation

/// How the harness writes numbers for people (progress line, table, error messages).
enum LoadNumberFormat {
    /// `value` with exactly `places` decimals ("-" when it is not finite).
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(max(0, min(places, 9)))f", value)
    }

    /// `value` without trailing zeros: 3600 → "3600", 0.1 → "0.1".
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An optional figure with `places` decimals, or "-" when unknown.
    static func optional(_ value: Double?, places: Int) -> String {
        value.map { decimal($0, places: places) } ?? "-"
    }

    /// Bytes as MiB with one decimal.
    static func mebibytes(_ bytes: Int) -> String {
        decimal(Double(bytes) / 1_048_576, places: 1) + " MiB"
    }
}
