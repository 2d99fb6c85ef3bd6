import ControlPlane
import Logging
import MediaServer
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs the control plane until SIGTERM or SIGINT, reloading on SIGHUP, and shuts down
/// gracefully: on the first SIGTERM or SIGINT the grace deadline is armed (the process exits 0
/// within `grace` whatever happens), the ``ShutdownSequence`` runs (drain, end the event
/// streams, close the media transports with goodbyes), then the HTTP server finishes its
/// in-flight requests and stops. A second SIGTERM or SIGINT stops the process at once (exit 0).
///
/// Invariant: the signal handlers are in place before ``run()`` starts the HTTP server, so a
/// signal sent after the ready line is never the default action (which would kill the process
/// on SIGHUP); every step of the shutdown logs one line.
struct ServerLifecycle {
    let application: any Service
    let shutdown: ShutdownSequence
    let reloader: ConfigurationReloader
    /// `shutdown.graceSeconds`.
    let grace: Duration
    let logger: Logger

    /// Runs until the HTTP server has stopped. Returns normally after a shutdown begun by a
    /// signal, whatever the server's own outcome; throws when the server failed on its own.
    func run() async throws {
        let stopSignals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let reloadSignals = await UnixSignalsSequence(trapping: .sighup)
        var configuration = ServiceGroupConfiguration(services: [application], logger: logger)
        // The HTTP server's share of the grace; after it, its tasks are cancelled, and the grace
        // deadline stops the process if even that does not end them.
        configuration.maximumGracefulShutdownDuration = grace * 3 / 4
        let group = ServiceGroup(configuration: configuration)
        let stopping = StopSignalState()
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { [reloader] in
                    for await _ in reloadSignals { reloader.reload() }
                }
                tasks.addTask { [self] in
                    for await signal in stopSignals {
                        if !stopping.begin() {
                            GraceDeadline.stopNow(logger: logger, reason: "\(signal) received again")
                        }
                        Task { await stop(after: signal, group: group) }
                    }
                }
                try await group.run()
                tasks.cancelAll()
            }
        } catch where stopping.hasBegun {
            logger.warning("shutdown: the HTTP server ended with an error: \(error)", metadata: ["phase": "http"])
        }
        if stopping.hasBegun {
            logger.notice("shutdown: HTTP server stopped", metadata: ["phase": "http"])
        }
    }

    /// The graceful shutdown after `signal`.
    private func stop(after signal: UnixSignal, group: ServiceGroup) async {
        GraceDeadline.arm(grace: grace, logger: logger)
        logger.notice("shutdown: \(signal) received; stopping within \(grace)", metadata: ["phase": "signal"])
        await shutdown.run()
        await group.triggerGracefulShutdown()
    }
}

/// Whether a stop signal came: the first one begins the graceful shutdown, a second one stops
/// the process at once.
private final class StopSignalState: Sendable {
    private let begun = Atomic(false)

    /// True for the first call only.
    func begin() -> Bool {
        !begun.exchange(true, ordering: .acquiringAndReleasing)
    }

    var hasBegun: Bool { begun.load(ordering: .acquiring) }
}
