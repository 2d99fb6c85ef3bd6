import Synchronization

extension RoomDirectory {
    /// The switch that makes a directory refuse new work once the server is shutting down: new
    /// rooms, participants, publish and subscribe offers and event streams get 503
    /// `shutting_down` (``RoomDirectoryError/shuttingDown``); everything else (reading, leaving,
    /// deleting, answers to offers already made) still works.
    ///
    /// Invariant: once on, it stays on (a server does not come back from draining). Read and
    /// set atomically, from any thread.
    public final class DrainSwitch: Sendable {
        private let draining = Atomic<Bool>(false)

        public init() {}

        /// Whether the directory refuses new work.
        public var isOn: Bool { draining.load(ordering: .acquiring) }

        /// Turns the switch on; true for the call that did (false when it already was).
        @discardableResult
        public func turnOn() -> Bool {
            !draining.exchange(true, ordering: .acquiringAndReleasing)
        }
    }

    /// Throws 503 `shutting_down` while the drain switch is on.
    func refuseWhileDraining() throws(RoomDirectoryError) {
        if drain.isOn { throw .shuttingDown }
    }
}
