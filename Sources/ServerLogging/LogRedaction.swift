import Synchronization

/// The process-wide switch that keeps peers' IP addresses, ports and ICE credentials out of the
/// logs (`log.redact`, on unless `--log-unredacted`), and the helpers every log line that shows
/// one of them goes through.
///
/// Invariant: while the switch is on, ``address(_:)`` and ``credential(_:)`` return
/// ``placeholder`` whatever they are given; the switch is read atomically, so a line is
/// rendered either wholly redacted or not (per value).
public enum LogRedaction {
    /// What a redacted value reads as.
    public static let placeholder = "<redacted>"

    private static let redacts = Atomic<Bool>(true)

    /// Whether addresses and credentials are hidden (the default).
    public static var isEnabled: Bool { redacts.load(ordering: .relaxed) }

    /// Turns redaction on (the default) or off (debugging only).
    public static func setEnabled(_ enabled: Bool) {
        redacts.store(enabled, ordering: .relaxed)
    }

    /// An IP address, a port, or an address with its port (anything that prints as one): as it
    /// prints when redaction is off, else ``placeholder``.
    public static func address(_ value: some CustomStringConvertible) -> String {
        isEnabled ? placeholder : value.description
    }

    /// An ICE username fragment or password (or any other credential): the value when redaction
    /// is off, else ``placeholder``.
    public static func credential(_ value: some StringProtocol) -> String {
        isEnabled ? placeholder : String(value)
    }
}
