import Foundation
import Logging

/// The hard stop behind the graceful shutdown: a thread of its own that ends the process with
/// exit code 0 when the shutdown grace (`shutdown.graceSeconds`, counted from the signal) is
/// over, whatever the rest of the process is doing then (a stuck request, a worker that does
/// not answer, a blocked task pool).
///
/// Invariant: once armed, the process exits (0) no later than `grace` after ``arm(grace:logger:)``
/// returned, or earlier on its own; the stop writes one log line first. Used once per process.
enum GraceDeadline {
    /// How long before the end of the grace the stop happens, so that the exit falls within it.
    static let margin: Duration = .milliseconds(100)

    /// Starts the countdown.
    static func arm(grace: Duration, logger: Logger) {
        let wait = max(.zero, grace - margin)
        let thread = Thread {
            Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            stopNow(logger: logger, reason: "the shutdown grace of \(grace) is over")
        }
        thread.name = "grace-deadline"
        thread.start()
    }

    /// Ends the process at once with exit code 0, after one log line saying why.
    static func stopNow(logger: Logger, reason: String) -> Never {
        logger.warning("shutdown: \(reason); exiting now")
        _exit(0)
    }
}
